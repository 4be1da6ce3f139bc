using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClusterSim.RealAgent.Tests.Scheduler;

/// <summary>Maintenance over HTTP as Mesos does it (docs/maintenance.md): the operator's schedule and machine
/// down/up endpoints, and INVERSE_OFFERS / RESCIND_INVERSE_OFFER events answered with ACCEPT_INVERSE_OFFERS /
/// DECLINE_INVERSE_OFFERS calls (scheduler.proto).</summary>
public class MaintenanceApiTests
{
    private static long NowNanos => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

    private static JsonObject Schedule(string machine, long startNanos, long? durationNanos)
    {
        var unavailability = new JsonObject { ["start"] = new JsonObject { ["nanoseconds"] = startNanos } };
        if (durationNanos is { } d) unavailability["duration"] = new JsonObject { ["nanoseconds"] = d };
        return new JsonObject
        {
            ["windows"] = new JsonArray(new JsonObject
            {
                ["machine_ids"] = new JsonArray(new JsonObject { ["hostname"] = machine }),
                ["unavailability"] = unavailability,
            }),
        };
    }

    private static JsonArray Machines(params string[] names) =>
        new(names.Select(n => (JsonNode)new JsonObject { ["hostname"] = n }).ToArray());

    private static string InverseOfferId(JsonElement e) =>
        e.GetProperty("inverse_offers").GetProperty("inverse_offers")[0].GetProperty("id").GetProperty("value").GetString()!;

    private static JsonObject Ids(string id, double refuse) => new()
    {
        ["inverse_offer_ids"] = new JsonArray(new JsonObject { ["value"] = id }),
        ["filters"] = new JsonObject { ["refuse_seconds"] = refuse },
    };

    /// <summary>A framework that runs one long task on agent-0 of a one-agent master.</summary>
    private static async Task<SchedulerClient.EventStream> RunningTaskAsync(SchedulerClient client)
    {
        var (stream, _) = await client.SubscribeAsync(SchedulerClient.SubscribeCall("fw", "analytics"));
        var events = stream!;
        var offers = await events.NextAsync("OFFERS");
        var offer = offers.GetProperty("offers").GetProperty("offers")[0].GetProperty("id").GetProperty("value").GetString()!;
        var accepted = await events.CallAsync("ACCEPT", new JsonObject
        {
            ["offer_ids"] = new JsonArray(new JsonObject { ["value"] = offer }),
            ["operations"] = new JsonArray(new JsonObject
            {
                ["type"] = "LAUNCH",
                ["launch"] = new JsonObject
                {
                    ["task_infos"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "t1",
                        ["task_id"] = new JsonObject { ["value"] = "t1" },
                        ["resources"] = new JsonArray(new JsonObject { ["name"] = "cpus", ["type"] = "SCALAR", ["scalar"] = new JsonObject { ["value"] = 1 } }),
                    }),
                },
            }),
            ["filters"] = new JsonObject { ["refuse_seconds"] = 3600 },
        });
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await events.NextAsync("UPDATE", e => e.GetProperty("update").GetProperty("status").GetProperty("state").GetString() == "TASK_RUNNING");
        return events;
    }

    [Test]
    public async Task ScheduledMaintenance_SendsInverseOffers_WhichAreDeclined_AskedAgain_Rescinded_AndAccepted()
    {
        await using var master = await ApiMaster.StartAsync();
        using var client = master.Client("analytics", "s3cret-an");
        using var ops = master.Client("ops", "s3cret-ops");
        using var events = await RunningTaskAsync(client);

        long start = NowNanos + 3600L * 1_000_000_000;
        var scheduled = await ops.PostAsync("/master/maintenance/schedule", Schedule("agent-0", start, 1800L * 1_000_000_000));
        Assert.That(scheduled.StatusCode, Is.EqualTo(HttpStatusCode.OK), await scheduled.Content.ReadAsStringAsync());

        // The framework holds a task there: it is asked for the agent, with the window in wall time.
        var inverse = await events.NextAsync("INVERSE_OFFERS");
        var offer = inverse.GetProperty("inverse_offers").GetProperty("inverse_offers")[0];
        Assert.That(offer.GetProperty("agent_id").GetProperty("value").GetString(), Is.EqualTo("agent-0"));
        Assert.That(offer.GetProperty("unavailability").GetProperty("start").GetProperty("nanoseconds").GetInt64(),
            Is.EqualTo(start).Within(200_000_000), "the start comes back as given, within the clocks' reading apart");
        Assert.That(offer.GetProperty("unavailability").GetProperty("duration").GetProperty("nanoseconds").GetInt64(),
            Is.EqualTo(1800L * 1_000_000_000).Within(1_000_000));

        // Declined without a filter, it is asked again at a later allocation run (Mesos's behaviour).
        var declined = await events.CallAsync("DECLINE_INVERSE_OFFERS", Ids(InverseOfferId(inverse), 0));
        Assert.That(declined.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var again = await events.NextAsync("INVERSE_OFFERS");
        Assert.That(InverseOfferId(again), Is.Not.EqualTo(InverseOfferId(inverse)));

        // Cancelling the window (a schedule without it) rescinds the outstanding inverse offer.
        var cancelled = await ops.PostAsync("/master/maintenance/schedule", new JsonObject { ["windows"] = new JsonArray() });
        Assert.That(cancelled.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var rescinded = await events.NextAsync("RESCIND_INVERSE_OFFER");
        Assert.That(rescinded.GetProperty("rescind_inverse_offer").GetProperty("inverse_offer_id").GetProperty("value").GetString(),
            Is.EqualTo(InverseOfferId(again)));

        // Scheduled again and accepted with a filter: nothing is left outstanding.
        await ops.PostAsync("/master/maintenance/schedule", Schedule("agent-0", start, null));
        var third = await events.NextAsync("INVERSE_OFFERS");
        Assert.That(third.GetProperty("inverse_offers").GetProperty("inverse_offers")[0].GetProperty("unavailability").TryGetProperty("duration", out _),
            Is.False, "a window without a duration is unbounded");
        var accepted = await events.CallAsync("ACCEPT_INVERSE_OFFERS", Ids(InverseOfferId(third), 3600));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var id = new Core.Ids.FrameworkId(int.Parse(events.FrameworkId, System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(await master.OnLoop(() => master.Master.OutstandingInverseOffers(id).Count), Is.Zero);
    }

    [Test]
    public async Task MachineDown_DrainsTheAgent_AndMachineUp_BringsItBackOutOfTheSchedule()
    {
        await using var master = await ApiMaster.StartAsync();
        using var client = master.Client("analytics", "s3cret-an");
        using var ops = master.Client("ops", "s3cret-ops");
        using var events = await RunningTaskAsync(client);

        var notScheduled = await ops.PostAsync("/master/machine/down", Machines("agent-0"));
        Assert.That(notScheduled.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await notScheduled.Content.ReadAsStringAsync(), Does.StartWith("400: [0]: machine 'agent-0' is not in DRAINING mode"));

        await ops.PostAsync("/master/maintenance/schedule", Schedule("agent-0", NowNanos, 600L * 1_000_000_000));
        var down = await ops.PostAsync("/master/machine/down", Machines("agent-0"));
        Assert.That(down.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        // The task is killed, the agent is out of offers.
        await events.NextAsync("UPDATE", e => e.GetProperty("update").GetProperty("status").GetProperty("state").GetString() == "TASK_KILLED");
        var agent = await master.OnLoop(() => master.Master.TryFindAgent("agent-0", out var found) ? found : new Core.Ids.AgentId(-1));
        Assert.That(await master.OnLoop(() => master.Master.IsDraining(agent)), Is.True);
        var schedule = JsonDocument.Parse(await (await ops.GetAsync("/master/maintenance/schedule")).Content.ReadAsStringAsync()).RootElement;
        Assert.That(schedule.GetProperty("windows")[0].GetProperty("mode").GetString(), Is.EqualTo("DOWN"));

        // A DOWN machine cannot leave the schedule until it is up.
        var dropped = await ops.PostAsync("/master/maintenance/schedule", new JsonObject { ["windows"] = new JsonArray() });
        Assert.That(dropped.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await dropped.Content.ReadAsStringAsync(), Does.Contain("machine 'agent-0' is down and cannot be removed from the schedule"));

        var up = await ops.PostAsync("/master/machine/up", Machines("agent-0"));
        Assert.That(up.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await master.OnLoop(() => (master.Master.IsActive(agent), master.Master.UnavailabilityOf(agent))), Is.EqualTo((true, (Core.Cluster.Unavailability?)null)));
        schedule = JsonDocument.Parse(await (await ops.GetAsync("/maintenance/schedule")).Content.ReadAsStringAsync()).RootElement;
        Assert.That(schedule.GetProperty("windows").GetArrayLength(), Is.Zero);
    }

    [TestCase("/master/maintenance/schedule", """{"windows":[{"machine_ids":[],"unavailability":{"start":{"nanoseconds":0}}}]}""", "windows[0].machine_ids: expected a non-empty list")]
    [TestCase("/master/maintenance/schedule", """{"windows":[{"machine_ids":[{"hostname":"agent-9"}],"unavailability":{"start":{"nanoseconds":0}}}]}""", "windows[0].machine_ids[0].hostname: no agent named 'agent-9' is registered")]
    [TestCase("/master/maintenance/schedule", """{"windows":[{"machine_ids":[{"ip":"10.0.0.1"}],"unavailability":{"start":{"nanoseconds":0}}}]}""", "windows[0].machine_ids[0].hostname: expected the agent's name")]
    [TestCase("/master/maintenance/schedule", """{"windows":[{"machine_ids":[{"hostname":"agent-0"}],"unavailability":{"start":{"nanoseconds":0},"duration":{"nanoseconds":-1}}}]}""", "windows[0].unavailability.duration.nanoseconds: expected a duration that is not negative")]
    [TestCase("/master/maintenance/schedule", """{"windows":[{"machine_ids":[{"hostname":"agent-0"}],"unavailability":{}}]}""", "windows[0].unavailability.start: expected")]
    [TestCase("/master/maintenance/schedule", """{"windows":[{"machine_ids":[{"hostname":"agent-0"}],"unavailability":{"start":{"nanoseconds":0}}},{"machine_ids":[{"hostname":"agent-0"}],"unavailability":{"start":{"nanoseconds":0}}}]}""", "windows[1].machine_ids[0]: machine 'agent-0' appears more than once in the schedule")]
    [TestCase("/master/machine/up", """[{"hostname":"agent-0"}]""", "[0]: machine 'agent-0' is not in DOWN mode")]
    [TestCase("/master/machine/down", """[]""", "body: expected a non-empty list")]
    public async Task MalformedRequests_Are400NamingTheField(string path, string body, string expected)
    {
        await using var master = await ApiMaster.StartAsync();
        using var ops = master.Client("ops", "s3cret-ops");

        var response = await ops.PostAsync(path, JsonNode.Parse(body)!);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.StartWith("400: " + expected));
    }

    [Test]
    public async Task OnlyOperators_ScheduleMaintenance()
    {
        await using var master = await ApiMaster.StartAsync();
        using var client = master.Client("analytics", "s3cret-an");

        var response = await client.PostAsync("/master/maintenance/schedule", Schedule("agent-0", NowNanos, null));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
