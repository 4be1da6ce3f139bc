using ClusterSim.Allocators;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Frameworks;
using ClusterSim.Workloads.Model;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Workloads.Tests.Frameworks;

/// <summary>
/// The sim/live seam on the frameworks' side: a fleet connects each framework through the endpoint it is
/// given (a hosted master here, a standing one live) and knows when the finite work is done.
/// </summary>
public class FrameworkFleetTests
{
    private static IEnumerable<WorkloadJob> Jobs(string prefix, int jobs, int tasks, double seconds) =>
        Enumerable.Range(0, jobs).Select(j => new WorkloadJob($"{prefix}{j}", Time.Zero + Duration.FromSeconds(j),
            Enumerable.Range(0, tasks).Select(i => new WorkloadTask(i, $"t{i}", R.Of(cpus: 1, mem: 256), Duration.FromSeconds(seconds),
                Time.Zero + Duration.FromSeconds(j), 0, TaskOutcome.Finished, WorkloadTask.NoParents)).ToArray()));

    private sealed class Finished : IWorkloadObserver
    {
        public int Count;
        public void TaskEnded(FrameworkScheduler framework, TrackedTask task)
        {
            if (task.State == TaskState.Finished) Count++;
        }
    }

    private static HostedCluster Cluster(SimLoop loop, int agents)
    {
        var options = new AllocationOptions();
        var cluster = new HostedCluster(loop, AllocationPolicies.Create(loop, options, 1), options);
        cluster.Start();
        for (int i = 0; i < agents; i++) new SimulatedAgent(loop, cluster.Master).Register(AgentInfo.Of($"a{i}", "cpus:4;mem:4096"));
        return cluster;
    }

    [Test]
    public void BatchAndGangFrameworks_OnAHostedCluster_RunEveryTask_AndTheFleetDrainsOnce()
    {
        var loop = new SimLoop();
        var cluster = Cluster(loop, agents: 2);
        var fleet = new FrameworkFleet(loop, cluster);
        int drained = 0;
        fleet.Drained = () => drained++;
        var finished = new Finished();
        var batch = fleet.Add(FrameworkKind.Batch, new FrameworkSettings("batch", "a"));
        var gang = fleet.Add(FrameworkKind.Gang, new FrameworkSettings("gang", "b"), Duration.FromSeconds(30));
        batch.Observer = gang.Observer = finished;
        batch.Start(Jobs("b", jobs: 3, tasks: 4, seconds: 10));
        gang.Start(Jobs("g", jobs: 2, tasks: 3, seconds: 5));

        loop.RunUntil(Time.Zero + Duration.FromHours(1));

        Assert.That(finished.Count, Is.EqualTo(3 * 4 + 2 * 3));
        Assert.That(fleet.AllDrained, Is.True);
        Assert.That(drained, Is.EqualTo(1));
        Assert.That(cluster.Master.Frameworks.Count(), Is.EqualTo(2), "each framework subscribed through its own driver");
    }

    [Test]
    public void AFleetWithAService_NeverDrains_ThoughItsBatchWorkEnds()
    {
        var loop = new SimLoop();
        var cluster = Cluster(loop, agents: 2);
        var fleet = new FrameworkFleet(loop, cluster);
        var finished = new Finished();
        var batch = fleet.Add(FrameworkKind.Batch, new FrameworkSettings("batch", "a"));
        batch.Observer = finished;
        var service = fleet.Add(FrameworkKind.Service, new FrameworkSettings("web", "b"), service:
            new ServiceSettings(R.Of(cpus: 1, mem: 256), 1, 2, 1, 0.6, Duration.FromMinutes(1), LoadCurve.Constant(0.5)));
        batch.Start(Jobs("b", jobs: 1, tasks: 2, seconds: 10));
        service.Start([]);

        loop.RunUntil(Time.Zero + Duration.FromHours(1));

        Assert.That(finished.Count, Is.EqualTo(2));
        Assert.That(fleet.AllDrained, Is.False);
    }

    [Test]
    public void EachFramework_ConnectsThroughTheEndpoint_AndIsToldItsCapacity_NotGivenTheMaster()
    {
        var loop = new SimLoop();
        var hosted = Cluster(loop, agents: 3);
        var connected = new List<string>();
        var standing = new StandingCluster(name =>
        {
            connected.Add(name);
            return hosted.Connect(name);
        }, () => hosted.Capacity);
        var fleet = new FrameworkFleet(loop, standing);

        var gang = fleet.Add(FrameworkKind.Gang, new FrameworkSettings("mpi", "hpc"), Duration.FromSeconds(30));
        fleet.Add(FrameworkKind.Batch, new FrameworkSettings("spark", "analytics"));

        Assert.That(connected, Is.EqualTo(new[] { "mpi", "spark" }));
        Assert.That(gang.Settings.ClusterCapacity, Is.EqualTo(R.Of(cpus: 12, mem: 12288)));
    }
}
