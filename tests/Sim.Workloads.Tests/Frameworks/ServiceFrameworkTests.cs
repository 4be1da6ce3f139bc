using ClusterSim.Allocators;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Frameworks;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Workloads.Tests.Frameworks;

/// <summary>An autoscaled service keeps its target: an instance that ends for good is replaced at the next
/// autoscale, and one that is still running is never counted twice.</summary>
public class ServiceFrameworkTests
{
    private sealed class Ended : IWorkloadObserver
    {
        public readonly List<TrackedTask> Tasks = [];
        public void TaskEnded(FrameworkScheduler framework, TrackedTask task) => Tasks.Add(task);
    }

    [Test]
    public void AnInstanceThatEndsForGood_IsReplacedAtTheNextAutoscale()
    {
        var loop = new SimLoop();
        var options = new AllocationOptions();
        var cluster = new HostedCluster(loop, AllocationPolicies.Create(loop, options, 1), options);
        cluster.Start();
        var agents = Enumerable.Range(0, 2).Select(i =>
        {
            var agent = new SimulatedAgent(loop, cluster.Master);
            agent.Register(AgentInfo.Of($"a{i}", "cpus:4;mem:4096"));
            return agent;
        }).ToArray();
        var fleet = new FrameworkFleet(loop, cluster);
        var ended = new Ended();
        var service = fleet.Add(FrameworkKind.Service, new FrameworkSettings("web", "web"), service:
            new ServiceSettings(R.Of(cpus: 1, mem: 256), 2, 2, 2, 0.6, Duration.FromMinutes(1), LoadCurve.Constant(1)));
        service.Observer = ended;
        service.Start([]);
        loop.RunUntil(Time.Zero + Duration.FromSeconds(30));
        Assert.That(service.RunningTasks, Is.EqualTo(2));

        // End one instance on whichever agent runs it (the other agent has no such task and ignores it): its
        // process exited, so it ends for good (a failure would be retried in place).
        var victim = service.UnfinishedTasks().First();
        foreach (var agent in agents) agent.Preempt(service.Id, victim.Id, TaskState.Finished);
        loop.RunUntil(Time.Zero + Duration.FromSeconds(45));
        Assert.That(ended.Tasks, Is.EqualTo(new[] { victim }), "the instance ended for good");
        Assert.That(service.RunningTasks, Is.EqualTo(1));

        loop.RunUntil(Time.Zero + Duration.FromMinutes(3));
        Assert.Multiple(() =>
        {
            Assert.That(service.RunningTasks, Is.EqualTo(2), "the autoscaler launched a replacement");
            Assert.That(service.UnfinishedTasks().Count(), Is.EqualTo(2), "and nothing more");
            Assert.That(service.UnfinishedTasks(), Does.Not.Contain(victim));
        });
    }
}
