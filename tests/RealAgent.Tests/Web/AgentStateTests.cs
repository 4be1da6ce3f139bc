namespace ClusterSim.RealAgent.Tests.Web;

/// <summary>The agent state /state (and so the overview) shows: active while heartbeating, silent after a
/// missed heartbeat, active again on the next.</summary>
[NonParallelizable]
public class AgentStateTests
{
    [Test]
    public async Task Agent_ThatMissesAHeartbeat_IsSilent_AndActiveAgainOnTheNext()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var master = await InProcessMaster.StartAsync(timeout.Token, heartbeatInterval: TimeSpan.FromSeconds(2));
        await master.RegisterAgentAsync("agent-1", "cpus:2;mem:1024", timeout.Token);
        var registered = await AgentStateAsync(master, timeout.Token);

        // Silence grows with the wall clock; ask until it has passed one and a half intervals (3 s). The interval
        // is long enough that a slow machine answers the reads before and after it well within it.
        string state;
        while ((state = await AgentStateAsync(master, timeout.Token)) == "active")
            await Task.Delay(100, timeout.Token); // a pace for the polls; the loop waits for the state itself

        await master.HeartbeatAsync("agent-1", timeout.Token);
        var afterHeartbeat = await AgentStateAsync(master, timeout.Token);

        Assert.Multiple(() =>
        {
            Assert.That(registered, Is.EqualTo("active"));
            Assert.That(state, Is.EqualTo("silent"));
            Assert.That(afterHeartbeat, Is.EqualTo("active"));
        });
    }

    private static async Task<string> AgentStateAsync(InProcessMaster master, CancellationToken cancellationToken)
    {
        var agent = (await master.StateAsync(cancellationToken)).GetProperty("agents").EnumerateArray().Single();
        return agent.GetProperty("state").GetString()!;
    }
}
