using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterSim.RealAgent.Agent;
using ClusterSim.RealAgent.Tests.Scheduler;

namespace ClusterSim.RealAgent.Tests.Live;

/// <summary>
/// Live oversubscription end to end, with Docker: <c>clustersim master --oversubscription</c> and
/// <c>clustersim agent --oversubscription-interval</c> as processes on 127.0.0.1 and a REVOCABLE_RESOURCES
/// framework speaking the scheduler API (this test). An idle regular task leaves slack, which the agent's
/// estimator measures and reports; a busy task launched on the revocable offer overloads the agent, whose QoS
/// controller evicts it (src/slave/slave.cpp, _qosCorrections), and the framework hears TASK_LOST with the
/// preemption reason.
/// </summary>
[NonParallelizable]
public class LiveQosTests : LiveClusterTest
{
    private static JsonArray Resources(double cpus, double mem, bool revocable, string role)
    {
        JsonObject One(string name, double value)
        {
            var r = new JsonObject
            {
                ["name"] = name,
                ["type"] = "SCALAR",
                ["scalar"] = new JsonObject { ["value"] = value },
                ["allocation_info"] = new JsonObject { ["role"] = role },
            };
            if (revocable) r["revocable"] = new JsonObject();
            return r;
        }
        return new JsonArray(One("cpus", cpus), One("mem", mem));
    }

    private static JsonObject Launch(string offer, string task, JsonArray resources, string command) => new()
    {
        ["offer_ids"] = new JsonArray(new JsonObject { ["value"] = offer }),
        ["operations"] = new JsonArray(new JsonObject
        {
            ["type"] = "LAUNCH",
            ["launch"] = new JsonObject
            {
                ["task_infos"] = new JsonArray(TaskInfo(task, resources, command)),
            },
        }),
        ["filters"] = new JsonObject { ["refuse_seconds"] = 0 },
    };

    private static JsonObject TaskInfo(string task, JsonArray resources, string command) => new()
    {
        ["name"] = task,
        ["task_id"] = new JsonObject { ["value"] = task },
        ["resources"] = resources,
        ["command"] = new JsonObject { ["value"] = command },
    };

    private static bool IsRevocable(JsonElement offer) =>
        offer.GetProperty("resources").EnumerateArray().All(r => r.TryGetProperty("revocable", out var info) && info.ValueKind == JsonValueKind.Object);

    private static bool HasOffer(JsonElement e, bool revocable) =>
        e.GetProperty("offers").GetProperty("offers").EnumerateArray().Any(o => IsRevocable(o) == revocable);

    private static string OfferId(JsonElement e, bool revocable) =>
        e.GetProperty("offers").GetProperty("offers").EnumerateArray().First(o => IsRevocable(o) == revocable).GetProperty("id").GetProperty("value").GetString()!;

    private static bool IsUpdate(JsonElement e, string task, string state) =>
        e.GetProperty("type").GetString() == "UPDATE" && e.GetProperty("update").GetProperty("status") is var s
        && s.GetProperty("task_id").GetProperty("value").GetString() == task && s.GetProperty("state").GetString() == state;

    [Test]
    public async Task ABusyRevocableTask_OnAnOverloadedAgent_IsEvicted_AndTheFrameworkHearsTaskLostWithThePreemptionReason()
    {
        var master = Cluster.Start("master", "master", "--listen", "http://127.0.0.1:0", "--token-file", Cluster.TokenFile, "--oversubscription");
        var url = (await master.WaitForAsync(@"master listening on (http://127\.0\.0\.1:\d+)", LiveCluster.StartTimeout)).Groups[1].Value;
        // Usage may reach a quarter of cpus:2;mem:200 (0.5 cpus, 50 MB): the idle task uses next to nothing.
        var agent = Cluster.Start("agent", "agent", "--master", url, "--listen", "http://127.0.0.1:0", "--name", Cluster.AgentName(0),
            "--resources", "cpus:2;mem:200", "--token-file", Cluster.TokenFile,
            "--oversubscription-interval", "500ms", "--qos-threshold", "0.25");
        await agent.WaitForAsync("registered with", LiveCluster.StartTimeout);

        using var client = new SchedulerClient(new Uri(url), "clustersim", Cluster.Token) { EventBound = LiveCluster.StartTimeout };
        var subscribe = SchedulerClient.SubscribeCall("spare", "batch");
        subscribe["subscribe"]!["framework_info"]!["capabilities"] = new JsonArray(new JsonObject { ["type"] = "REVOCABLE_RESOURCES" });
        var (stream, response) = await client.SubscribeAsync(subscribe);
        if (stream == null) Assert.Fail(await response.Content.ReadAsStringAsync());
        using var events = stream!;

        var regular = await events.NextAsync("OFFERS", e => HasOffer(e, revocable: false));
        var launched = await events.CallAsync("ACCEPT", Launch(OfferId(regular, revocable: false), "idle", Resources(1.5, 100, false, "batch"), "sleep 3600"));
        Assert.That(launched.IsSuccessStatusCode, Is.True, await launched.Content.ReadAsStringAsync());
        await events.NextOfAsync("UPDATE idle RUNNING", e => IsUpdate(e, "idle", "TASK_RUNNING"));

        // The idle task's slack (1.5 cpus, about 100 MB) comes back as a revocable offer once the agent has
        // measured it. The busy task fills 60 MB (in its /dev/shm, charged to its container) and spins: over the
        // threshold in memory whatever CPU this shared machine gives it.
        var spare = await events.NextAsync("OFFERS", e => HasOffer(e, revocable: true));
        var busy = await events.CallAsync("ACCEPT", Launch(OfferId(spare, revocable: true), "busy", Resources(1, 90, true, "batch"),
            "dd if=/dev/zero of=/dev/shm/fill bs=1048576 count=60 2>/dev/null; while :; do :; done"));
        Assert.That(busy.IsSuccessStatusCode, Is.True, await busy.Content.ReadAsStringAsync());
        await events.NextOfAsync("UPDATE busy RUNNING", e => IsUpdate(e, "busy", "TASK_RUNNING"));

        var evicted = await events.NextOfAsync("UPDATE busy LOST", e => IsUpdate(e, "busy", "TASK_LOST"));
        var destroyed = await AgentContainerEventsAsync("die", e => Label(e, ContainerLabels.Task) == "busy", 1, TestTimeout);

        Assert.Multiple(() =>
        {
            Assert.That(evicted.GetProperty("update").GetProperty("status").GetProperty("message").GetString(),
                Is.EqualTo("Container preempted by QoS correction"));
            Assert.That(evicted.GetProperty("update").GetProperty("status").GetProperty("reason").GetString(), Is.EqualTo("REASON_CONTAINER_PREEMPTED"));
            Assert.That(evicted.GetProperty("update").GetProperty("status").GetProperty("source").GetString(), Is.EqualTo("SOURCE_AGENT"));
            Assert.That(Label(destroyed[0], ContainerLabels.Revocable), Is.EqualTo("true"), "the agent knew the task was revocable");
            Assert.That(events.Seen.Any(e => IsUpdate(e, "idle", "TASK_LOST")), Is.False, "the regular task stays");
            Assert.That(agent.Output, Does.Contain("QoS correction: evicting revocable task busy"));
        });
        var teardown = await events.CallAsync("TEARDOWN");
        Assert.That(teardown.IsSuccessStatusCode, Is.True);
    }
}
