using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterSim.RealAgent.Agent;
using ClusterSim.RealAgent.Tests.Scheduler;

namespace ClusterSim.RealAgent.Tests.Live;

/// <summary>
/// Agents on their own (namespaced) hosts, and a partition: the master on the test bridge, two agents in
/// network namespaces, a partition-aware framework and one that is not, each running a task on the first
/// agent. When that agent's link goes down and it misses its heartbeats, the partition-aware framework hears
/// TASK_UNREACHABLE and the other TASK_LOST (Mesos 1.x); the latter relaunches its task on the other agent,
/// and the cut-off agent has killed the LOST one itself. When the link comes back the agent re-registers: the
/// partition-aware task is reconciled back to RUNNING, and one copy of each task runs.
/// </summary>
[NonParallelizable]
public class PartitionTests : LiveClusterTest
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private static JsonObject Subscribe(string name, bool partitionAware)
    {
        var call = SchedulerClient.SubscribeCall(name, name, failover: 300);
        if (partitionAware)
            call["subscribe"]!["framework_info"]!["capabilities"] = new JsonArray(new JsonObject { ["type"] = "PARTITION_AWARE" });
        return call;
    }

    private static JsonObject Launch(string offer, string task) => new()
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
                    ["agent_id"] = new JsonObject { ["value"] = "ignored" },
                    ["resources"] = new JsonArray(
                        new JsonObject { ["name"] = "cpus", ["type"] = "SCALAR", ["scalar"] = new JsonObject { ["value"] = 0.25 } },
                        new JsonObject { ["name"] = "mem", ["type"] = "SCALAR", ["scalar"] = new JsonObject { ["value"] = 32 } }),
                    ["command"] = new JsonObject { ["value"] = "sleep 600" },
                }),
            },
        }),
        ["filters"] = new JsonObject { ["refuse_seconds"] = 3600 },
    };

    /// <summary>Declines offers of other agents until one of <paramref name="agent"/> comes, and launches
    /// <paramref name="task"/> on it. What it declines or leaves is filtered for an hour, so that a framework
    /// whose stream the test is not reading holds no offers; REVIVE brings them back (and ends the suppression).</summary>
    private static async Task LaunchOnAsync(SchedulerClient.EventStream events, string agent, string task)
    {
        bool launched = false;
        while (!launched)
        {
            var offers = await events.NextAsync("OFFERS");
            foreach (var offer in offers.GetProperty("offers").GetProperty("offers").EnumerateArray())
            {
                var id = offer.GetProperty("id").GetProperty("value").GetString()!;
                if (!launched && offer.GetProperty("agent_id").GetProperty("value").GetString() == agent)
                {
                    Assert.That((await events.CallAsync("ACCEPT", Launch(id, task))).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
                    launched = true;
                    continue;
                }
                await events.CallAsync("DECLINE", new JsonObject
                {
                    ["offer_ids"] = new JsonArray(new JsonObject { ["value"] = id }),
                    ["filters"] = new JsonObject { ["refuse_seconds"] = 3600 },
                });
            }
        }
        // Wanting nothing more, the framework suppresses, and declines what was offered before that took effect:
        // an offer it held while the test reads another stream would keep the agent from the other framework.
        Assert.That((await events.CallAsync("SUPPRESS")).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var running = Update(task, "TASK_RUNNING");
        while (true)
        {
            var e = await events.NextOfAsync("OFFERS or TASK_RUNNING", e => e.GetProperty("type").GetString() == "OFFERS"
                || (e.GetProperty("type").GetString() == "UPDATE" && running(e)));
            if (e.GetProperty("type").GetString() == "UPDATE") break;
            foreach (var offer in e.GetProperty("offers").GetProperty("offers").EnumerateArray())
                await events.CallAsync("DECLINE", new JsonObject
                {
                    ["offer_ids"] = new JsonArray(new JsonObject { ["value"] = offer.GetProperty("id").GetProperty("value").GetString() }),
                    ["filters"] = new JsonObject { ["refuse_seconds"] = 3600 },
                });
        }
    }

    private static Func<JsonElement, bool> Update(string task, string state) => e =>
        e.GetProperty("update").GetProperty("status").GetProperty("task_id").GetProperty("value").GetString() == task
        && e.GetProperty("update").GetProperty("status").GetProperty("state").GetString() == state;

    [Test]
    public async Task APartitionedAgentsTasks_AreUnreachableOrLost_AndWhenItHeals_TheReplacedOneIsKilled_TheOtherReconciled()
    {
        using var hosts = NetworkHosts.Create(2);
        var master = Cluster.Start("master", "master", "--listen", $"http://{hosts.BridgeAddress}:0", "--token-file", Cluster.TokenFile,
            "--heartbeat", "1s", "--missed-heartbeats", "3");
        var url = (await master.WaitForAsync(@"master listening on (http://10\.213\.\d+\.1:\d+)", Bound)).Groups[1].Value;
        var agents = Enumerable.Range(0, 2).Select(i => Cluster.StartAgentIn(hosts, i, url)).ToArray();
        foreach (var agent in agents) await agent.WaitForAsync("registered with", Bound);

        using var client = new SchedulerClient(new Uri(url), "clustersim", Cluster.Token) { EventBound = LiveCluster.StartTimeout };
        var (aware, _) = await client.SubscribeAsync(Subscribe("aware", partitionAware: true));
        var (plain, _) = await client.SubscribeAsync(Subscribe("plain", partitionAware: false));
        using var awareEvents = aware!;
        using var plainEvents = plain!;
        await LaunchOnAsync(awareEvents, Cluster.AgentName(0), "aware-0");
        await LaunchOnAsync(plainEvents, Cluster.AgentName(0), "plain-0");

        hosts.Partition(0);
        await awareEvents.NextAsync("UPDATE", Update("aware-0", "TASK_UNREACHABLE"));
        await plainEvents.NextAsync("UPDATE", Update("plain-0", "TASK_LOST"));
        // The framework that is not partition-aware replaces its task on the other agent, under the same id.
        await plainEvents.CallAsync("REVIVE");
        await LaunchOnAsync(plainEvents, Cluster.AgentName(1), "plain-0");

        var killed = AgentContainerEventsAsync("die",
            e => Label(e, ContainerLabels.Agent) == Cluster.AgentName(0) && Label(e, ContainerLabels.Task) == "plain-0", 1, TestTimeout);
        hosts.Heal(0);
        // The agent killed plain-0 itself when it had been cut off for most of the heartbeat timeout (so that
        // the task never ran twice at once); had it not, the master would kill it now.
        await master.WaitForAsync($"agent {Cluster.AgentName(0)} came back after it was unreachable; 1 task\\(s\\) of partition-aware frameworks reconciled", Bound);
        await awareEvents.NextAsync("UPDATE", Update("aware-0", "TASK_RUNNING"));
        await killed;
        var running = (await AgentContainersAsync(TestTimeout)).Where(c => c.State == "running")
            .Select(c => (c.Labels[ContainerLabels.Agent], c.Labels[ContainerLabels.Task])).OrderBy(x => x).ToArray();
        Assert.That(running, Is.EqualTo(new[] { (Cluster.AgentName(0), "aware-0"), (Cluster.AgentName(1), "plain-0") }),
            "one copy of each task runs, each where the master has it");
    }
}
