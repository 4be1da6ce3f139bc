using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;

namespace ClusterSim.RealAgent.Tests.Scheduler;

public class SchedulerApiTests
{
    private static JsonObject Task(string id, double seconds, double cpus = 1, double mem = 128) => new()
    {
        ["name"] = id,
        ["task_id"] = new JsonObject { ["value"] = id },
        ["agent_id"] = new JsonObject { ["value"] = "ignored" },
        ["resources"] = new JsonArray(
            new JsonObject { ["name"] = "cpus", ["type"] = "SCALAR", ["scalar"] = new JsonObject { ["value"] = cpus } },
            new JsonObject { ["name"] = "mem", ["type"] = "SCALAR", ["scalar"] = new JsonObject { ["value"] = mem } }),
        ["duration_seconds"] = seconds,
    };

    private static JsonObject Launch(string offer, params JsonObject[] tasks) => new()
    {
        ["offer_ids"] = new JsonArray(new JsonObject { ["value"] = offer }),
        ["operations"] = new JsonArray(new JsonObject
        {
            ["type"] = "LAUNCH",
            ["launch"] = new JsonObject { ["task_infos"] = new JsonArray(tasks.Select(t => (JsonNode)t).ToArray()) },
        }),
        ["filters"] = new JsonObject { ["refuse_seconds"] = 0 },
    };

    private static string FirstOfferId(JsonElement offers) =>
        offers.GetProperty("offers").GetProperty("offers")[0].GetProperty("id").GetProperty("value").GetString()!;

    private static string StateOf(JsonElement update) => update.GetProperty("update").GetProperty("status").GetProperty("state").GetString()!;

    private static Func<JsonElement, bool> Task(string id, string state) => e =>
        e.GetProperty("update").GetProperty("status").GetProperty("task_id").GetProperty("value").GetString() == id && StateOf(e) == state;

    private static Task<HttpResponseMessage> Acknowledge(SchedulerClient.EventStream stream, JsonElement update)
    {
        var status = update.GetProperty("update").GetProperty("status");
        return stream.CallAsync("ACKNOWLEDGE", new JsonObject
        {
            ["agent_id"] = new JsonObject { ["value"] = status.GetProperty("agent_id").GetProperty("value").GetString() },
            ["task_id"] = new JsonObject { ["value"] = status.GetProperty("task_id").GetProperty("value").GetString() },
            ["uuid"] = status.GetProperty("uuid").GetString(),
        });
    }

    [Test]
    public async Task Offers_CarryTheWallTimeTheMasterQueuedThem()
    {
        double before = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
        await using var master = await ApiMaster.StartAsync();
        using var client = master.Client("analytics", "s3cret-an");
        var (stream, _) = await client.SubscribeAsync(SchedulerClient.SubscribeCall("fw", "analytics"));
        using var events = stream!;

        var offers = await events.NextAsync("OFFERS");

        double after = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
        // What `clustersim bench live` measures offer latency from (docs/API.md): between subscribing and reading.
        Assert.That(offers.GetProperty("offers").GetProperty("sent_at_unix_ms").GetDouble(), Is.InRange(before, after));
    }

    [Test]
    public async Task Subscribe_Offers_Accept_RunsTaskToFinished_WithAcknowledgedUpdates()
    {
        await using var master = await ApiMaster.StartAsync();
        using var client = master.Client("analytics", "s3cret-an");
        var (stream, _) = await client.SubscribeAsync(SchedulerClient.SubscribeCall("fw", "analytics"));
        using var events = stream!;
        var offers = await events.NextAsync("OFFERS");
        var offer = offers.GetProperty("offers").GetProperty("offers")[0];
        Assert.That(offer.GetProperty("agent_id").GetProperty("value").GetString(), Is.EqualTo("agent-0"));
        Assert.That(offer.GetProperty("allocation_info").GetProperty("role").GetString(), Is.EqualTo("analytics"));

        var accepted = await events.CallAsync("ACCEPT", Launch(FirstOfferId(offers), Task("t1", 0.2)));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var running = await events.NextAsync("UPDATE", Task("t1", "TASK_RUNNING"));
        Assert.That((await Acknowledge(events, running)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var finished = await events.NextAsync("UPDATE", Task("t1", "TASK_FINISHED"));
        Assert.That((await Acknowledge(events, finished)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        // A second acknowledgement of the same update is accepted and ignored, as Mesos does.
        var again = await Acknowledge(events, finished);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
    }

    [Test]
    public async Task Credentials_WrongOrMissing_Are401_AndPermissions_Are403()
    {
        await using var master = await ApiMaster.StartAsync();
        using var wrong = master.Client("analytics", "not-the-secret");
        var (_, refused) = await wrong.SubscribeAsync(SchedulerClient.SubscribeCall("fw", "analytics"));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Not.Contain("not-the-secret"));

        using var anonymous = new HttpClient { BaseAddress = master.Address };
        Assert.That((await anonymous.GetAsync("/state")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        using var analytics = master.Client("analytics", "s3cret-an");
        var (_, otherRole) = await analytics.SubscribeAsync(SchedulerClient.SubscribeCall("fw", "web"));
        Assert.That(otherRole.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        // A framework's credential may not register an agent, nor call operator endpoints.
        var register = await analytics.PostAsync("/api/agents/register", new JsonObject { ["name"] = "x", ["url"] = "http://127.0.0.1:1/", ["resources"] = "cpus:1;mem:1" });
        Assert.That(register.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var weights = await analytics.PostAsync("/api/v1/operator/weights", new JsonObject { ["role"] = "analytics", ["weight"] = 2 });
        Assert.That(weights.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        // An agent's credential may not subscribe a framework.
        using var agents = master.Client("agents", "s3cret-agents");
        var (_, asAgent) = await agents.SubscribeAsync(SchedulerClient.SubscribeCall("fw", "analytics"));
        Assert.That(asAgent.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        // The operator may.
        using var ops = master.Client("ops", "s3cret-ops");
        var set = await ops.PostAsync("/api/v1/operator/weights", new JsonObject { ["role"] = "analytics", ["weight"] = 2 });
        Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var reserve = await ops.PostAsync("/api/v1/operator/reserve", new JsonObject { ["agent"] = "nobody", ["role"] = "analytics", ["resources"] = "cpus:1" });
        Assert.That(reserve.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await reserve.Content.ReadAsStringAsync(), Does.Contain("nobody"));
    }

    [Test]
    public async Task MalformedCalls_Are400_NamingTheField_AndTheMasterGoesOn()
    {
        await using var master = await ApiMaster.StartAsync();
        using var client = master.Client("analytics", "s3cret-an");
        var (stream, _) = await client.SubscribeAsync(SchedulerClient.SubscribeCall("fw", "analytics"));
        using var events = stream!;
        var offers = await events.NextAsync("OFFERS");

        static async Task<string> Refusal(HttpResponseMessage response)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            return await response.Content.ReadAsStringAsync();
        }

        Assert.That(await Refusal(await client.PostAsync("/api/v1/scheduler", new JsonObject { ["nope"] = 1 })), Does.Contain("type"));
        Assert.That(await Refusal(await events.CallAsync("ACCEPT", new JsonObject { ["offer_ids"] = new JsonArray() })), Does.Contain("accept.offer_ids"));
        Assert.That(await Refusal(await events.CallAsync("ACCEPT", new JsonObject { ["offer_ids"] = new JsonArray(new JsonObject { ["value"] = "x" }) })),
            Does.Contain("accept.offer_ids[0].value"));
        var badTask = Task("t", 1);
        badTask["resources"]![0]!["name"] = "bananas";
        Assert.That(await Refusal(await events.CallAsync("ACCEPT", Launch(FirstOfferId(offers), badTask))),
            Does.Contain("accept.operations[0].launch.task_infos[0].resources[0].name"));
        Assert.That(await Refusal(await events.CallAsync("FLY")), Does.Contain("type"));
        Assert.That(await Refusal(await client.PostAsync("/api/v1/scheduler", JsonNode.Parse("[1,2]")!)), Does.Contain("body"));
        var huge = new JsonObject { ["type"] = "REVIVE", ["pad"] = new string('x', 2 << 20) };
        var tooLarge = await client.PostAsync("/api/v1/scheduler", huge);
        Assert.That(tooLarge.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await tooLarge.Content.ReadAsStringAsync(), Does.Contain("body: larger than the limit"));
        // A call without the stream's id is refused; the framework is still there and gets offers.
        var noStream = await client.PostAsync("/api/v1/scheduler", new JsonObject { ["type"] = "REVIVE", ["framework_id"] = new JsonObject { ["value"] = events.FrameworkId } });
        Assert.That(await Refusal(noStream), Does.Contain("Mesos-Stream-Id"));
        // An offer id the master never gave: the task is reported lost, as Mesos does.
        Assert.That((await events.CallAsync("ACCEPT", Launch("999999", Task("ghost", 1)))).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await events.NextAsync("UPDATE", Task("ghost", "TASK_LOST"));
        // Declined for a minute, the agent comes back at once on REVIVE, which clears the filter.
        var decline = new JsonObject
        {
            ["offer_ids"] = new JsonArray(new JsonObject { ["value"] = FirstOfferId(offers) }),
            ["filters"] = new JsonObject { ["refuse_seconds"] = 60 },
        };
        Assert.That((await events.CallAsync("DECLINE", decline)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await events.CallAsync("REVIVE")).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await events.NextAsync("OFFERS");
    }

    [Test]
    public async Task Subscribe_UnderAnInvalidRoleName_Is400_NamingTheRole()
    {
        await using var master = await ApiMaster.StartAsync();
        using var client = master.Client("analytics", "s3cret-an");
        var (_, refused) = await client.SubscribeAsync(SchedulerClient.SubscribeCall("fw", "analytics/../web"));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("subscribe.framework_info.role:").And.Contain("'..'"));
    }

    [Test]
    public async Task Resubscribe_WithId_KeepsTasks_AndResendsUnacknowledgedUpdates()
    {
        await using var master = await ApiMaster.StartAsync();
        using var client = master.Client("analytics", "s3cret-an");
        var (first, _) = await client.SubscribeAsync(SchedulerClient.SubscribeCall("fw", "analytics", failover: 600));
        string id, uuid;
        using (var events = first!)
        {
            id = events.FrameworkId;
            var offers = await events.NextAsync("OFFERS");
            await events.CallAsync("ACCEPT", Launch(FirstOfferId(offers), Task("long", 3600)));
            var running = await events.NextAsync("UPDATE", Task("long", "TASK_RUNNING"));
            uuid = running.GetProperty("update").GetProperty("status").GetProperty("uuid").GetString()!;
            // Not acknowledged: the master must send it again.
        }
        var framework = new FrameworkId(int.Parse(id));
        await WaitUntil(master, m => !m.IsActive(framework));
        Assert.That(await master.OnLoop(() => master.Master.LiveTasks(framework)), Is.EqualTo(1), "tasks keep running while the framework is away");

        // Another principal may not take the framework over.
        using var other = master.Client("other", "s3cret-other");
        var (_, takeover) = await other.SubscribeAsync(SchedulerClient.SubscribeCall("fw", "analytics", id: id));
        Assert.That(takeover.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var (second, _) = await client.SubscribeAsync(SchedulerClient.SubscribeCall("fw", "analytics", id: id));
        using var again = second!;
        Assert.That(again.FrameworkId, Is.EqualTo(id));
        var resent = await again.NextAsync("UPDATE", Task("long", "TASK_RUNNING"));
        Assert.That(resent.GetProperty("update").GetProperty("status").GetProperty("uuid").GetString(), Is.EqualTo(uuid));
        Assert.That((await Acknowledge(again, resent)).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await again.CallAsync("RECONCILE", new JsonObject { ["tasks"] = new JsonArray() })).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var reconciled = await again.NextAsync("UPDATE", Task("long", "TASK_RUNNING"));
        Assert.That(reconciled.GetProperty("update").GetProperty("status").GetProperty("message").GetString(), Is.EqualTo("reconciliation"));
        Assert.That(await master.OnLoop(() => master.Master.IsActive(framework)), Is.True);
    }

    [TestCase(true, "TASK_GONE", "TASK_UNKNOWN")]
    [TestCase(false, "TASK_LOST", "TASK_LOST")]
    public async Task Reconcile_AnUnknownTask_IsAnsweredFromTheAgentItNames(bool aware, string onRegistered, string onUnknown)
    {
        await using var master = await ApiMaster.StartAsync();
        using var client = master.Client("analytics", "s3cret-an");
        var subscribe = SchedulerClient.SubscribeCall("fw", "analytics");
        if (aware)
            subscribe["subscribe"]!["framework_info"]!["capabilities"] = new JsonArray(new JsonObject { ["type"] = "PARTITION_AWARE" });
        var (stream, _) = await client.SubscribeAsync(subscribe);
        using var events = stream!;
        await events.NextAsync("OFFERS");
        var tasks = new JsonArray(
            new JsonObject { ["task_id"] = new JsonObject { ["value"] = "x1" }, ["agent_id"] = new JsonObject { ["value"] = "agent-0" } },
            new JsonObject { ["task_id"] = new JsonObject { ["value"] = "x2" }, ["agent_id"] = new JsonObject { ["value"] = "no-such-agent" } });
        Assert.That((await events.CallAsync("RECONCILE", new JsonObject { ["tasks"] = tasks })).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await events.NextAsync("UPDATE", Task("x1", onRegistered));
        await events.NextAsync("UPDATE", Task("x2", onUnknown));
    }

    [Test]
    public async Task Disconnected_PastFailoverTimeout_IsRemoved_AndItsTasksKilled()
    {
        await using var master = await ApiMaster.StartAsync();
        var removed = new Removals();
        await master.OnLoop(() =>
        {
            master.Master.AddListener(removed);
            return true;
        });
        using var client = master.Client("analytics", "s3cret-an");
        var (stream, _) = await client.SubscribeAsync(SchedulerClient.SubscribeCall("fw", "analytics", failover: 0.3));
        using (var events = stream!)
        {
            var offers = await events.NextAsync("OFFERS");
            await events.CallAsync("ACCEPT", Launch(FirstOfferId(offers), Task("long", 3600)));
            await events.NextAsync("UPDATE", Task("long", "TASK_RUNNING"));
        }
        var framework = await removed.Framework.Task.WaitAsync(ApiMaster.Bound);
        Assert.That(framework.Value, Is.EqualTo(0));
        Assert.That(removed.Killed, Is.EqualTo(new[] { "long" }));
        var (_, resubscribe) = await client.SubscribeAsync(SchedulerClient.SubscribeCall("fw", "analytics", id: "0"));
        Assert.That(resubscribe.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Teardown_KillsTasks_AndEndsTheStream()
    {
        await using var master = await ApiMaster.StartAsync();
        var removed = new Removals();
        await master.OnLoop(() =>
        {
            master.Master.AddListener(removed);
            return true;
        });
        using var client = master.Client("analytics", "s3cret-an");
        var (stream, _) = await client.SubscribeAsync(SchedulerClient.SubscribeCall("fw", "analytics"));
        using var events = stream!;
        var offers = await events.NextAsync("OFFERS");
        await events.CallAsync("ACCEPT", Launch(FirstOfferId(offers), Task("long", 3600)));
        await events.NextAsync("UPDATE", Task("long", "TASK_RUNNING"));
        Assert.That((await events.CallAsync("TEARDOWN")).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(async () => await events.NextAsync("NEVER"), Throws.InstanceOf<EndOfStreamException>());
        Assert.That(await master.OnLoop(() => master.Master.Frameworks.Count()), Is.Zero);
        Assert.That(removed.Killed, Is.EqualTo(new[] { "long" }));
    }

    private static async Task WaitUntil(ApiMaster master, Func<Core.Cluster.Master, bool> condition)
    {
        // The master changes on its loop; ask the loop until it says so (each ask waits for the events before it).
        using var timeout = new CancellationTokenSource(ApiMaster.Bound);
        while (!await master.OnLoop(() => condition(master.Master)))
            await master.Loop.InvokeAsync(() => true).WaitAsync(timeout.Token);
    }

    private sealed class Removals : IMasterListener
    {
        public TaskCompletionSource<FrameworkId> Framework { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public List<string> Killed { get; } = [];

        public void TaskStatusChanged(Core.Tasks.StatusUpdate status)
        {
            if (status.State == Core.Tasks.TaskState.Killed) Killed.Add(status.Task.Value);
        }

        public void FrameworkRemoved(FrameworkId framework, FrameworkInfo info) => Framework.TrySetResult(framework);
    }
}
