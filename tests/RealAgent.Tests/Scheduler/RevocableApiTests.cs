using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Oversubscription;
using ClusterSim.Core.Tasks;
using ClusterSim.RealAgent.Live;
using ClusterSim.RealAgent.Scheduler;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.RealAgent.Tests.Scheduler;

/// <summary>
/// Revocable resources over the scheduler API as Mesos shows them: a framework with the REVOCABLE_RESOURCES
/// capability (mesos.proto FrameworkInfo.Capability) is offered an agent's oversubscribed resources with
/// <c>"revocable": {}</c> on each (Resource.RevocableInfo), allocated to its role; tasks launched on them mark
/// their resources revocable, and may not mix revocable and regular ones (src/master/validation.cpp). The
/// agent's revocable total is set here directly, as its estimator would report it.
/// </summary>
public class RevocableApiTests
{
    private static JsonObject Subscribe(string name, string role) => new()
    {
        ["type"] = "SUBSCRIBE",
        ["subscribe"] = new JsonObject
        {
            ["framework_info"] = new JsonObject
            {
                ["name"] = name,
                ["role"] = role,
                ["capabilities"] = new JsonArray(new JsonObject { ["type"] = "REVOCABLE_RESOURCES" }),
            },
        },
    };

    private static JsonObject Resource(string name, double value, string? role, bool revocable)
    {
        var r = new JsonObject { ["name"] = name, ["type"] = "SCALAR", ["scalar"] = new JsonObject { ["value"] = value } };
        if (role != null) r["allocation_info"] = new JsonObject { ["role"] = role };
        if (revocable) r["revocable"] = new JsonObject();
        return r;
    }

    private static JsonObject Launch(string offer, string task, JsonArray resources) => new()
    {
        ["offer_ids"] = new JsonArray(new JsonObject { ["value"] = offer }),
        ["operations"] = new JsonArray(new JsonObject
        {
            ["type"] = "LAUNCH",
            ["launch"] = new JsonObject
            {
                ["task_infos"] = new JsonArray(new JsonObject
                {
                    ["name"] = task,
                    ["task_id"] = new JsonObject { ["value"] = task },
                    ["resources"] = resources,
                }),
            },
        }),
        ["filters"] = new JsonObject { ["refuse_seconds"] = 0 },
    };

    private static bool IsRevocable(JsonElement offer) =>
        offer.GetProperty("resources").EnumerateArray().All(r => r.TryGetProperty("revocable", out var info) && info.ValueKind == JsonValueKind.Object);

    /// <summary>Reads OFFERS events until one holds a revocable offer.</summary>
    private static async Task<JsonElement> RevocableOfferAsync(SchedulerClient.EventStream events)
    {
        while (true)
        {
            var e = await events.NextAsync("OFFERS");
            foreach (var offer in e.GetProperty("offers").GetProperty("offers").EnumerateArray())
                if (IsRevocable(offer)) return offer;
        }
    }

    private static async Task<ApiMaster> WithSlackAsync(string slack)
    {
        var master = await ApiMaster.StartAsync(agentResources: "cpus:2;mem:2048", revocable: true);
        await master.OnLoop(() =>
        {
            var agent = master.Master.Agents.Single();
            ((IOversubscribedTotals)master.Master.Allocator).UpdateOversubscribed(agent, R.Parse(slack));
            return true;
        });
        return master;
    }

    [Test]
    public async Task ARevocableOffer_IsMarked_AndATaskOnIt_RunsOnRevocableResources()
    {
        await using var master = await WithSlackAsync("cpus:1;mem:512");
        using var client = master.Client("analytics", "s3cret-an");
        var (stream, response) = await client.SubscribeAsync(Subscribe("slack", "analytics"));
        if (stream == null) Assert.Fail(await response.Content.ReadAsStringAsync());
        using var events = stream!;
        var id = new FrameworkId(int.Parse(events.FrameworkId, System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(await master.OnLoop(() => master.Master.FrameworkInfoOf(id).HasCapability(RevocableResources.Capability)), Is.True);

        var offer = await RevocableOfferAsync(events);
        Assert.That(offer.GetProperty("allocation_info").GetProperty("role").GetString(), Is.EqualTo("analytics"), "allocated to the framework's role");
        Assert.That(offer.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("allocation_info").GetProperty("role").GetString()),
            Is.All.EqualTo("analytics"));
        Assert.That(offer.GetProperty("resources").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "cpus")
            .GetProperty("scalar").GetProperty("value").GetDouble(), Is.EqualTo(1));

        var offerId = offer.GetProperty("id").GetProperty("value").GetString()!;
        var accepted = await events.CallAsync("ACCEPT", Launch(offerId, "spare-0",
            new JsonArray(Resource("cpus", 0.5, "analytics", revocable: true), Resource("mem", 128, "analytics", revocable: true))));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await accepted.Content.ReadAsStringAsync());
        await events.NextAsync("UPDATE", e => e.GetProperty("update").GetProperty("status").GetProperty("task_id").GetProperty("value").GetString() == "spare-0");
        // The master accounts the task in revocable resources, apart from the framework's regular allocation.
        Assert.That(await master.OnLoop(() => HeldByTasks(master, id)), Is.EqualTo(0.5));
    }

    [Test]
    public async Task AnEvictedTasksUpdate_StatesTheReasonAndTheSource_AsMesossV1ApiDoes()
    {
        await using var master = await WithSlackAsync("cpus:1;mem:512");
        using var client = master.Client("analytics", "s3cret-an");
        var (stream, response) = await client.SubscribeAsync(Subscribe("slack", "analytics"));
        if (stream == null) Assert.Fail(await response.Content.ReadAsStringAsync());
        using var events = stream!;
        var id = new FrameworkId(int.Parse(events.FrameworkId, System.Globalization.CultureInfo.InvariantCulture));
        var offer = await RevocableOfferAsync(events);
        var accepted = await events.CallAsync("ACCEPT", Launch(offer.GetProperty("id").GetProperty("value").GetString()!, "spare-0",
            new JsonArray(Resource("cpus", 0.5, "analytics", revocable: true), Resource("mem", 128, "analytics", revocable: true))));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await accepted.Content.ReadAsStringAsync());
        await events.NextAsync("UPDATE", e => e.GetProperty("update").GetProperty("status").GetProperty("state").GetString() == "TASK_RUNNING");

        // The agent's QoS controller evicts the task: its report reaches the master as the live agent sends it.
        await master.OnLoop(() =>
        {
            master.Master.UpdateTaskStatus(master.Master.Agents.Single(), id, new TaskId("spare-0"), TaskState.Lost,
                RevocableResources.PreemptedMessage, StatusReason.ContainerPreempted, StatusSource.Agent);
            return true;
        });
        var lost = await events.NextAsync("UPDATE", e => e.GetProperty("update").GetProperty("status").GetProperty("state").GetString() == "TASK_LOST");
        var status = lost.GetProperty("update").GetProperty("status");
        Assert.Multiple(() =>
        {
            Assert.That(status.GetProperty("reason").GetString(), Is.EqualTo("REASON_CONTAINER_PREEMPTED"));
            Assert.That(status.GetProperty("source").GetString(), Is.EqualTo("SOURCE_AGENT"));
            Assert.That(status.GetProperty("message").GetString(), Is.EqualTo("Container preempted by QoS correction"));
        });
    }

    [Test]
    public void AnUpdateWithoutAReason_HasNeitherReasonNorSource()
    {
        var line = SchedulerEvents.Update(new StatusUpdate(new FrameworkId(0), new TaskId("t0"), new AgentId(0), TaskState.Failed,
            Core.Timing.Time.FromSeconds(1), "the command exited with code 3"), "a0", "0-1");
        var status = JsonDocument.Parse(line).RootElement.GetProperty("update").GetProperty("status");
        Assert.Multiple(() =>
        {
            Assert.That(status.TryGetProperty("reason", out _), Is.False);
            Assert.That(status.TryGetProperty("source", out _), Is.False);
            Assert.That(status.GetProperty("message").GetString(), Is.EqualTo("the command exited with code 3"));
        });
    }

    [TestCase("REASON_CONTAINER_PREEMPTED", "SOURCE_AGENT", StatusReason.ContainerPreempted, StatusSource.Agent)]
    [TestCase("REASON_CONTAINER_PREEMPTED", "SOURCE_SLAVE", StatusReason.ContainerPreempted, StatusSource.Agent)]
    [TestCase("REASON_TASK_HEALTH_CHECK_STATUS_UPDATED", "SOURCE_EXECUTOR", StatusReason.Unset, StatusSource.Unset)]
    [TestCase(null, null, StatusReason.Unset, StatusSource.Unset)]
    public void MesosNames_ReadBackAsTheReasonAndSourceTheySpell(string? reason, string? source, StatusReason code, StatusSource from) =>
        Assert.That((StatusReasons.ReasonNamed(reason), StatusReasons.SourceNamed(source)), Is.EqualTo((code, from)));

    /// <summary>Revocable cpus the framework's tasks hold: its revocable allocation less what it is offered
    /// (the rest of a partly used offer comes back and may be offered again at once).</summary>
    private static double HeldByTasks(ApiMaster master, FrameworkId id) =>
        master.Master.Allocator.Allocation(id, RevocableResources.Role).Cpus
        - master.Master.OutstandingOffers(id).Where(RevocableResources.IsRevocable).Sum(o => o.Resources.Cpus);

    [TestCase(false, false, "expected revocable resources")]
    [TestCase(true, false, "a task cannot mix revocable and non-revocable resources")]
    public async Task ATaskOnARevocableOffer_MustMarkEveryResourceRevocable(bool cpusRevocable, bool memRevocable, string problem)
    {
        await using var master = await WithSlackAsync("cpus:1;mem:512");
        using var client = master.Client("analytics", "s3cret-an");
        var (stream, _) = await client.SubscribeAsync(Subscribe("slack", "analytics"));
        using var events = stream!;
        var offer = await RevocableOfferAsync(events);
        var refused = await events.CallAsync("ACCEPT", Launch(offer.GetProperty("id").GetProperty("value").GetString()!, "t",
            new JsonArray(Resource("cpus", 0.5, null, cpusRevocable), Resource("mem", 64, null, memRevocable))));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var text = await refused.Content.ReadAsStringAsync();
        Assert.That(text, Does.StartWith("400: accept.operations[0].launch.task_infos[0].resources"));
        Assert.That(text, Does.Contain(problem));
    }

    /// <summary>Hands the driver's offers and updates to the test.</summary>
    private sealed class Events : ISchedulerLink
    {
        public Channel<object> Seen { get; } = Channel.CreateUnbounded<object>();

        public void ResourceOffers(IReadOnlyList<Offer> offers) => Seen.Writer.TryWrite(offers);

        public void OfferRescinded(OfferId offer)
        {
        }

        public void StatusUpdate(StatusUpdate update) => Seen.Writer.TryWrite(update);

        public void Error(string message) => Seen.Writer.TryWrite(message);

        public async Task<T> NextAsync<T>(Func<T, bool> match)
        {
            using var bound = new CancellationTokenSource(ApiMaster.Bound);
            while (true)
            {
                var e = await Seen.Reader.ReadAsync(bound.Token);
                if (e is string error) Assert.Fail(error);
                if (e is T t && match(t)) return t;
            }
        }
    }

    [Test]
    public async Task TheHttpDriver_StatesTheCapability_KnowsARevocableOffer_AndLaunchesOnIt()
    {
        await using var master = await WithSlackAsync("cpus:1;mem:512");
        using var loop = new LiveLoop();
        loop.Start();
        await using var driver = new HttpSchedulerDriver([master.Address], "analytics", "s3cret-an", loop, _ => { });
        var events = new Events();
        var info = new FrameworkInfo("slack", "analytics") { Capabilities = new SortedSet<string>([RevocableResources.Capability], StringComparer.Ordinal) };
        await loop.InvokeAsync(() =>
        {
            driver.Subscribe(info, events);
            return true;
        });
        await driver.Subscribed.WaitAsync(ApiMaster.Bound);
        var offers = await events.NextAsync<IReadOnlyList<Offer>>(o => o.Any(RevocableResources.IsRevocable));
        var offer = offers.First(RevocableResources.IsRevocable);
        Assert.That(offer.Resources, Is.EqualTo(R.Parse("cpus:1;mem:512")));
        await loop.InvokeAsync(() =>
        {
            driver.Accept([offer.Id], [new TaskSpec(new TaskId("spare-0"), R.Parse("cpus:0.5;mem:128"), Core.Timing.Duration.Forever)], OfferFilter.Default);
            return true;
        });
        var running = await events.NextAsync<StatusUpdate>(u => u.Task.Value == "spare-0");
        Assert.That(running.State, Is.EqualTo(TaskState.Running));
        var id = driver.Framework;
        Assert.That(await master.OnLoop(() => HeldByTasks(master, id)), Is.EqualTo(0.5));

        // Evicted: the driver reads the UPDATE's reason and source into the status's fields, its message as the text.
        await master.OnLoop(() =>
        {
            master.Master.UpdateTaskStatus(master.Master.Agents.Single(), id, new TaskId("spare-0"), TaskState.Lost,
                RevocableResources.PreemptedMessage, StatusReason.ContainerPreempted, StatusSource.Agent);
            return true;
        });
        var lost = await events.NextAsync<StatusUpdate>(u => u.Task.Value == "spare-0" && u.State == TaskState.Lost);
        Assert.That((lost.Code, lost.Source, lost.Reason),
            Is.EqualTo((StatusReason.ContainerPreempted, StatusSource.Agent, (string?)"Container preempted by QoS correction")));
    }
}
