using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterSim.Core.Ids;

namespace ClusterSim.RealAgent.Tests.Scheduler;

/// <summary>Live, ACKNOWLEDGE of a task's terminal update reaches the master, which forgets the task then: until
/// that RECONCILE answers its terminal state (src/master/master.cpp, Master::acknowledge and Master::reconcile).</summary>
public class AcknowledgeReconcileTests
{
    private static JsonObject Launch(string offer) => new()
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
                    ["agent_id"] = new JsonObject { ["value"] = "ignored" },
                    ["resources"] = new JsonArray(
                        new JsonObject { ["name"] = "cpus", ["type"] = "SCALAR", ["scalar"] = new JsonObject { ["value"] = 1 } },
                        new JsonObject { ["name"] = "mem", ["type"] = "SCALAR", ["scalar"] = new JsonObject { ["value"] = 128 } }),
                    ["duration_seconds"] = 0.2,
                }),
            },
        }),
        ["filters"] = new JsonObject { ["refuse_seconds"] = 0 },
    };

    private static Func<JsonElement, bool> Update(string state, string? message = null) => e =>
    {
        var status = e.GetProperty("update").GetProperty("status");
        return status.GetProperty("task_id").GetProperty("value").GetString() == "t1"
               && status.GetProperty("state").GetString() == state
               && (message == null || (status.TryGetProperty("message", out var m) && m.GetString() == message));
    };

    private static JsonObject ReconcileT1() => new()
    {
        ["tasks"] = new JsonArray(new JsonObject
        {
            ["task_id"] = new JsonObject { ["value"] = "t1" },
            ["agent_id"] = new JsonObject { ["value"] = "agent-0" },
        }),
    };

    [Test]
    public async Task AnEndedTask_IsReconciledFinished_UntilItsTerminalUpdateIsAcknowledged()
    {
        await using var master = await ApiMaster.StartAsync();
        using var client = master.Client("analytics", "s3cret-an");
        var subscribe = SchedulerClient.SubscribeCall("fw", "analytics");
        subscribe["subscribe"]!["framework_info"]!["capabilities"] = new JsonArray(new JsonObject { ["type"] = "PARTITION_AWARE" });
        var (stream, _) = await client.SubscribeAsync(subscribe);
        using var events = stream!;
        var framework = new FrameworkId(int.Parse(events.FrameworkId));
        var offers = await events.NextAsync("OFFERS");
        var offer = offers.GetProperty("offers").GetProperty("offers")[0].GetProperty("id").GetProperty("value").GetString()!;
        await events.CallAsync("ACCEPT", Launch(offer));
        var finished = await events.NextAsync("UPDATE", Update("TASK_FINISHED"));
        Assert.That(await master.OnLoop(() => master.Master.IsUnacknowledged(framework, new TaskId("t1"))), Is.True);

        Assert.That((await events.CallAsync("RECONCILE", ReconcileT1())).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await events.NextAsync("UPDATE", Update("TASK_FINISHED", "reconciliation"));

        var status = finished.GetProperty("update").GetProperty("status");
        var acknowledged = await events.CallAsync("ACKNOWLEDGE", new JsonObject
        {
            ["agent_id"] = new JsonObject { ["value"] = "agent-0" },
            ["task_id"] = new JsonObject { ["value"] = "t1" },
            ["uuid"] = status.GetProperty("uuid").GetString(),
        });
        Assert.That(acknowledged.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await master.OnLoop(() => master.Master.IsUnacknowledged(framework, new TaskId("t1"))), Is.False);
        Assert.That((await events.CallAsync("RECONCILE", ReconcileT1())).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await events.NextAsync("UPDATE", Update("TASK_GONE", "reconciliation: task unknown to the agent"));
    }
}
