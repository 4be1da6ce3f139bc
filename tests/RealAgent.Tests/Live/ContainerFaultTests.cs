using ClusterSim.RealAgent.Agent;
using Docker.DotNet.Models;

namespace ClusterSim.RealAgent.Tests.Live;

/// <summary>
/// Tasks whose containers end badly, in one live run with one agent: one container is killed with docker
/// from outside, one task outgrows its memory limit. Neither is retried (maxRetries: 0).
/// </summary>
[NonParallelizable]
public class ContainerFaultTests : LiveClusterTest
{
    private string _output = "";
    private string _runOutput = "";
    private int _exit;

    [OneTimeSetUp]
    public async Task RunWithFaultsAsync()
    {
        _output = Path.Combine(Cluster.Folder, "faults");
        var (run, master) = await Cluster.StartLiveRunAsync(Cluster.WriteExperiment("faults", 1, """
              - name: victim
                role: a
                kind: batch
                maxRetries: 0
                workload:
                  synthetic: { jobs: 1, arrival: { at: 0s }, tasksPerJob: { constant: 1 }, taskDuration: { constant: 1200s }, task: "cpus:0.1;mem:64" }
              - name: hog
                role: b
                kind: batch
                maxRetries: 0
                live: { image: "clustersim/busybox:local", command: ["sh", "-c", "head -c 200m /dev/zero | tail"] }
                workload:
                  synthetic: { jobs: 1, arrival: { at: 0s }, tasksPerJob: { constant: 1 }, taskDuration: { constant: 60s }, task: "cpus:0.1;mem:32" }
            """, """
              agents: { expect: 1, timeout: 60s }
              timeScale: 60
            """), _output);
        Cluster.StartAgent(0, master);
        using var timeout = new CancellationTokenSource(LiveCluster.StartTimeout);
        var victim = await RunningContainerOfAsync("victim", timeout.Token);
        await Client.Containers.KillContainerAsync(victim, new ContainerKillParameters { Signal = "SIGKILL" }, timeout.Token);
        _exit = await run.WaitForExitAsync(RunTimeout);
        _runOutput = run.Output;
    }

    [Test]
    public void ContainerKilledWithDocker_IsReportedFailed()
    {
        Assert.That(_exit, Is.Zero, _runOutput);
        Assert.Multiple(() =>
        {
            Assert.That(_runOutput, Does.Match(@"task victim-0/0 .*: FAILED \(the container was killed outside the agent"));
            Assert.That(TaskRows(_output).Single(t => t["framework"] == "victim")["state"], Is.EqualTo("FAILED"));
        });
    }

    [Test]
    public void TaskOverItsMemoryLimit_IsReportedOomKilled()
    {
        Assert.That(_exit, Is.Zero, _runOutput);
        Assert.Multiple(() =>
        {
            Assert.That(_runOutput, Does.Match(@"task hog-0/0 .*: FAILED \(OOM-killed"));
            Assert.That(TaskRows(_output).Single(t => t["framework"] == "hog")["state"], Is.EqualTo("FAILED"));
        });
    }

    private async Task<string> RunningContainerOfAsync(string framework, CancellationToken cancellationToken) =>
        (await AgentContainerEventsAsync("start", e => Label(e, ContainerLabels.Framework) == framework, 1, cancellationToken)).Single().Actor.ID;
}
