using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cell;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Architectures;
using ClusterSim.Workloads.Frameworks;
using ClusterSim.Workloads.Model;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Workloads.Tests.Architectures;

/// <summary>
/// The monolithic and shared-state schedulers over the cell: one queue and its decision times, Swarm's
/// strategies, and Omega's conflict detection and commit modes, on the master and simulated agents the
/// two-level path uses.
/// </summary>
public class CellSchedulerTests
{
    private sealed class Jobs : IWorkloadObserver
    {
        public readonly List<TrackedJob> Arrived = [];
        public void JobArrived(FrameworkScheduler framework, TrackedJob job) => Arrived.Add(job);
    }

    private sealed record Run(SimLoop Loop, CellCluster Cluster, FrameworkFleet Fleet, Jobs Jobs);

    private static Run Start(SchedulerArchitecture architecture, int agents, string resources)
    {
        var loop = new SimLoop();
        var cell = new CellState();
        var hosted = new HostedCluster(loop, cell, new AllocationOptions());
        hosted.Start();
        for (int i = 0; i < agents; i++) new SimulatedAgent(loop, hosted.Master).Register(AgentInfo.Of($"a{i}", resources));
        var cluster = new CellCluster(loop, hosted, cell, architecture, seed: 1);
        return new Run(loop, cluster, new FrameworkFleet(loop, cluster), new Jobs());
    }

    private static FrameworkScheduler Add(Run run, string name, double perJobSeconds, params WorkloadJob[] jobs)
    {
        var framework = run.Fleet.Add(FrameworkKind.Batch, new FrameworkSettings(name, name)
        {
            DecisionTime = new DecisionTime(Duration.Zero, Duration.Zero, Duration.FromSeconds(perJobSeconds)),
        });
        framework.Observer = run.Jobs;
        framework.Start(jobs);
        return framework;
    }

    private static WorkloadJob Job(string id, double submit, int tasks, double seconds, double cpus = 1)
    {
        var at = Time.Zero + Duration.FromSeconds(submit);
        return new WorkloadJob(id, at, Enumerable.Range(0, tasks).Select(i => new WorkloadTask(i, $"t{i}",
            R.Of(cpus: cpus, mem: 256), Duration.FromSeconds(seconds), at, 0, TaskOutcome.Finished, WorkloadTask.NoParents)).ToArray());
    }

    private static double[] Starts(Run run, string job) =>
        run.Jobs.Arrived.Single(j => j.Id == job).Tasks.Select(t => t.Start is { } s ? s.Seconds : double.NaN).Order().ToArray();

    private static string[] Agents(Run run, string job) =>
        run.Jobs.Arrived.Single(j => j.Id == job).Tasks.Select(t => t.Agent ?? "").ToArray();

    [Test]
    public void Monolithic_PlacesEveryFrameworksJobs_OneAtATime_InArrivalOrder()
    {
        var run = Start(new SchedulerArchitecture(ArchitectureKind.Monolithic), agents: 2, "cpus:4;mem:4096");
        // a's jobs take 1 s to decide; b's take none but arrive while the one scheduler is busy with a's.
        Add(run, "a", 1, Job("a0", 0, 1, 10), Job("a1", 0.5, 1, 10));
        Add(run, "b", 0, Job("b0", 0.7, 1, 10));

        run.Loop.RunUntil(Time.Zero + Duration.FromSeconds(100));

        Assert.That(Starts(run, "a0"), Is.EqualTo(new[] { 1.0 }));
        Assert.That(Starts(run, "a1"), Is.EqualTo(new[] { 2.0 }));
        Assert.That(Starts(run, "b0"), Is.EqualTo(new[] { 2.0 }), "b's job queued behind a1, which arrived first");
        var lane = run.Cluster.Lanes.Single();
        Assert.That(lane.Name, Is.EqualTo("monolithic"));
        Assert.That(lane.BusySeconds(Time.Zero + Duration.FromSeconds(100)), Is.EqualTo(2.0));
        Assert.That(lane.QueueWaitMean("a"), Is.EqualTo((0 + 0.5) / 2));
        Assert.That(lane.QueueWaitMean("b"), Is.EqualTo(2.0 - 0.7).Within(1e-9));
        Assert.That(lane.PlacementMean("a"), Is.EqualTo((1 + 1.5) / 2));
    }

    [TestCase(PlacementStrategy.Spread, new[] { "a0", "a1" })]
    [TestCase(PlacementStrategy.Binpack, new[] { "a0", "a0" })]
    public void Monolithic_Strategies_SpreadOverAgents_OrPackThem(PlacementStrategy strategy, string[] agents)
    {
        var run = Start(new SchedulerArchitecture(ArchitectureKind.Monolithic) { Strategy = strategy }, agents: 2, "cpus:4;mem:4096");
        Add(run, "a", 0, Job("j", 0, 2, 10));

        run.Loop.RunUntil(Time.Zero + Duration.FromSeconds(5));

        Assert.That(Agents(run, "j"), Is.EqualTo(agents));
    }

    /// <summary>A slow scheduler decides on one agent while a fast one claims part of it: the slow claim
    /// still fits, so fine-grained detection commits it, while sequence numbers see the agent changed and
    /// make it decide again (Omega, section 3.4).</summary>
    [TestCase(ConflictDetection.ResourceFit, 10.0, 0)]
    [TestCase(ConflictDetection.SequenceNumbers, 20.0, 1)]
    public void SharedState_ConflictDetection(ConflictDetection conflicts, double slowStart, int conflictCount)
    {
        var run = Start(new SchedulerArchitecture(ArchitectureKind.SharedState) { Conflicts = conflicts }, agents: 1, "cpus:4;mem:4096");
        Add(run, "slow", 10, Job("s", 0, 1, 1000));
        Add(run, "fast", 0, Job("f", 1, 1, 100));

        run.Loop.RunUntil(Time.Zero + Duration.FromSeconds(50));

        Assert.That(Starts(run, "f"), Is.EqualTo(new[] { 1.0 }), "the fast scheduler is not held up by the slow one");
        Assert.That(Starts(run, "s"), Is.EqualTo(new[] { slowStart }));
        var slow = run.Cluster.Lanes.Single(l => l.Name == "slow");
        Assert.That(slow.Conflicts, Is.EqualTo(conflictCount));
        Assert.That(slow.Retries, Is.EqualTo(conflictCount));
    }

    /// <summary>A slow scheduler claims both agents for a two-task job; a fast one takes one of them first.
    /// Incremental commits the claim that still fits and retries the other; all-or-nothing retries both.</summary>
    [TestCase(CommitMode.Incremental, 10.0, 1)]
    [TestCase(CommitMode.AllOrNothing, 20.0, 2)]
    public void SharedState_CommitModes(CommitMode commit, double firstStart, int retries)
    {
        var run = Start(new SchedulerArchitecture(ArchitectureKind.SharedState) { Commit = commit }, agents: 2, "cpus:1;mem:4096");
        Add(run, "slow", 10, Job("s", 0, 2, 1000));
        Add(run, "fast", 0, Job("f", 1, 1, 100));

        run.Loop.RunUntil(Time.Zero + Duration.FromSeconds(500));

        // The second task fits nowhere until the fast task ends at 101 s; deciding it again takes 10 s.
        Assert.That(Starts(run, "s"), Is.EqualTo(new[] { firstStart, 111.0 }));
        var slow = run.Cluster.Lanes.Single(l => l.Name == "slow");
        Assert.That(slow.Conflicts, Is.EqualTo(1));
        Assert.That(slow.Retries, Is.EqualTo(retries));
    }
}
