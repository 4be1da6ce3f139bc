using ClusterSim.RealAgent.Agent;
using Docker.DotNet.Models;

namespace ClusterSim.RealAgent.Tests.Live;

/// <summary>Agents that die or restart in the middle of a live run.</summary>
[NonParallelizable]
public class AgentFaultTests : LiveClusterTest
{
    protected override bool ClusterPerTest => true;

    [Test]
    public async Task KilledAgent_ItsTasksAreLostAndRerunElsewhere()
    {
        // live-small with a short heartbeat timeout (0.5 s x 3), so the loss is noticed mid-run.
        var yaml = File.ReadAllText(Path.Combine(LiveCluster.RepositoryRoot, "experiments", "live-small.yaml"))
            .Replace("master: { listen: \"http://127.0.0.1:5050\" }", "master: { listen: \"http://127.0.0.1:5050\", heartbeat: 500ms, missedHeartbeats: 3 }");
        var output = Path.Combine(Cluster.Folder, "killed");
        var (run, master) = await Cluster.StartLiveRunAsync(Cluster.WriteExperiment("killed-agent", yaml), output);
        var agents = Enumerable.Range(0, 3).Select(i => Cluster.StartAgent(i, master)).ToArray();

        var victim = await FirstAgentWithRunningTaskAsync();
        agents[victim].Kill();
        int exit = await run.WaitForExitAsync(RunTimeout);

        Assert.That(exit, Is.Zero, run.Output);
        var tasks = TaskRows(output);
        var summary = File.ReadAllLines(Path.Combine(output, "summary.csv"));
        var header = summary[0].Split(',');
        var row = summary[1].Split(',');
        Assert.Multiple(() =>
        {
            Assert.That(run.Output, Does.Contain($"agent {Cluster.AgentName(victim)} at").And.Contain("missed 3 heartbeats"));
            Assert.That(run.Output, Does.Contain("LOST (REASON_AGENT_REMOVED: agent unreachable)"), "not partition-aware: LOST, as Mesos 1.x says");
            Assert.That(int.Parse(row[Array.IndexOf(header, "tasks_lost")]), Is.GreaterThanOrEqualTo(1));
            Assert.That(tasks.Select(t => t["state"]), Has.All.EqualTo("FINISHED"), "the batch framework reran the lost tasks");
            var rerun = tasks.Where(t => int.Parse(t["attempts"]) > 1).ToArray();
            Assert.That(rerun, Is.Not.Empty);
            Assert.That(rerun.Select(t => t["agent"]), Has.None.EqualTo(Cluster.AgentName(victim)));
        });
    }

    [Test]
    public async Task RestartedAgent_ReattachesToItsContainers_AndReportsWhatEndedWhileItWasDown()
    {
        var output = Path.Combine(Cluster.Folder, "restart");
        var (run, master) = await Cluster.StartLiveRunAsync(Cluster.WriteExperiment("restart", 1, """
              - name: long
                role: batch
                kind: batch
                workload:
                  synthetic: { jobs: 1, arrival: { at: 0s }, tasksPerJob: { constant: 2 }, taskDuration: { constant: 600s }, task: "cpus:0.1;mem:64" }
              - name: short
                role: batch
                kind: batch
                workload:
                  synthetic: { jobs: 1, arrival: { at: 0s }, tasksPerJob: { constant: 1 }, taskDuration: { constant: 60s }, task: "cpus:0.1;mem:64" }
            """, """
              agents: { expect: 1, timeout: 60s }
              timeScale: 60
              master: { heartbeat: 1s, missedHeartbeats: 15 }
            """), output);
        var first = Cluster.StartAgent(0, master);
        await WaitForContainersAsync(Cluster.AgentName(0), "start", _ => true, 3);

        first.Kill();
        // The short task (1 s of wall time) ends while its agent is down.
        await WaitForContainersAsync(Cluster.AgentName(0), "die", e => Label(e, ContainerLabels.Framework) == "short", 1);
        var second = Cluster.StartAgent(0, master);
        await second.WaitForAsync("re-registered", LiveCluster.StartTimeout);
        int exit = await run.WaitForExitAsync(RunTimeout);

        Assert.That(exit, Is.Zero, run.Output);
        var tasks = TaskRows(output);
        Assert.Multiple(() =>
        {
            Assert.That(second.Output, Does.Contain("reattached to the container of task long-0/0 (running)"));
            Assert.That(second.Output, Does.Contain("reattached to the container of task short-0/0 (exited)"));
            Assert.That(second.Output, Does.Contain("task short-0/0 of short: FINISHED"));
            Assert.That(tasks.Select(t => t["state"]), Has.All.EqualTo("FINISHED"));
            Assert.That(tasks.Select(t => t["attempts"]), Has.All.EqualTo("1"), "the tasks ran on, nothing was rerun");
            Assert.That(run.Output, Does.Not.Contain("LOST"));
        });
    }

    private async Task<int> FirstAgentWithRunningTaskAsync()
    {
        using var timeout = new CancellationTokenSource(LiveCluster.StartTimeout);
        var started = (await AgentContainerEventsAsync("start", _ => true, 1, timeout.Token)).Single();
        return int.Parse(started.Actor.Attributes[ContainerLabels.Agent][(Cluster.Prefix.Length + 2)..]);
    }

    private async Task WaitForContainersAsync(string agent, string action, Func<Message, bool> match, int count)
    {
        using var timeout = new CancellationTokenSource(LiveCluster.StartTimeout);
        await AgentContainerEventsAsync(action, e => Label(e, ContainerLabels.Agent) == agent && match(e), count, timeout.Token);
    }
}
