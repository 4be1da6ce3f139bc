using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cell;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Architectures;
using ClusterSim.Workloads.Frameworks;
using ClusterSim.Workloads.Model;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Workloads.Tests.Architectures;

/// <summary>A framework placed by a cell scheduler acknowledges its updates through the cell driver, so the master
/// forgets its ended tasks (Master::acknowledge) instead of keeping every one for reconciliation.</summary>
public class CellDriverAcknowledgementTests
{
    private sealed class Finished : IMasterListener
    {
        public readonly List<StatusUpdate> Updates = [];
        public void TaskStatusChanged(StatusUpdate status)
        {
            if (status.State == TaskState.Finished) Updates.Add(status);
        }
    }

    [Test]
    public void EndedTasks_AreAcknowledged_AndForgotten()
    {
        var loop = new SimLoop();
        var cell = new CellState();
        var hosted = new HostedCluster(loop, cell, new AllocationOptions());
        hosted.Start();
        var finished = new Finished();
        hosted.Master.AddListener(finished);
        new SimulatedAgent(loop, hosted.Master).Register(AgentInfo.Of("a0", "cpus:4;mem:4096"));
        var fleet = new FrameworkFleet(loop, new CellCluster(loop, hosted, cell, new SchedulerArchitecture(ArchitectureKind.Monolithic), seed: 1));
        var framework = fleet.Add(FrameworkKind.Batch, new FrameworkSettings("b", "b"));
        framework.Start([new WorkloadJob("j", Time.Zero, Enumerable.Range(0, 3).Select(i => new WorkloadTask(i, $"t{i}",
            R.Of(cpus: 1, mem: 256), Duration.FromSeconds(10), Time.Zero, 0, TaskOutcome.Finished, WorkloadTask.NoParents)).ToArray())]);

        loop.RunUntil(Time.Zero + Duration.FromSeconds(60));

        Assert.That(finished.Updates, Has.Count.EqualTo(3));
        Assert.That(finished.Updates.Select(u => hosted.Master.IsUnacknowledged(u.Framework, u.Task)), Is.EqualTo(new[] { false, false, false }));
        Assert.That(hosted.Master.LiveTasks(framework.Id), Is.EqualTo(0));
    }
}
