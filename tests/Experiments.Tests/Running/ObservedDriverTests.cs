using ClusterSim.Allocators;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Running;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Experiments.Tests.Running;

/// <summary>What the observed driver (the recorder's view against a standing master) counts as a task's end:
/// Mesos's terminal states (src/common/protobuf_utils.cpp, isTerminalState), not UNKNOWN, which only says the
/// master does not know the task (a reconciliation answer).</summary>
public class ObservedDriverTests
{
    [Test]
    public void AnUnknownAnswer_DoesNotEndTheTask_ItHoldsItsResourcesUntilATerminalState()
    {
        var loop = new SimLoop();
        var options = new AllocationOptions();
        var cluster = new HostedCluster(loop, AllocationPolicies.Create(loop, options, 1), options);
        cluster.Start();
        new SimulatedAgent(loop, cluster.Master).Register(AgentInfo.Of("a1", "cpus:1;mem:256"));
        var seen = new Statuses();
        var observed = new ObservedDriver(new InProcessSchedulerDriver(cluster.Master), loop, seen);
        var framework = new Offers();
        observed.Subscribe(new FrameworkInfo("fw", "r"), framework);
        loop.RunDueNow();
        var t1 = new TaskId("t1");
        observed.Accept([framework.Received.Single().Id], [new TaskSpec(t1, R.Parse("cpus:1;mem:256"), Duration.Forever)], OfferFilter.None);
        loop.RunDueNow();
        var link = (ISchedulerLink)observed;

        link.StatusUpdate(new StatusUpdate(observed.Framework, t1, new AgentId(0), TaskState.Unknown, loop.Now, "reconciliation: task unknown"));
        Assert.That(observed.Allocation, Is.EqualTo(R.Parse("cpus:1;mem:256")));
        link.StatusUpdate(new StatusUpdate(observed.Framework, t1, new AgentId(0), TaskState.Lost, loop.Now, "agent removed"));
        Assert.That(observed.Allocation, Is.EqualTo(R.Empty));
        Assert.That(seen.States, Is.EqualTo(new[] { TaskState.Running, TaskState.Unknown, TaskState.Lost }));
    }

    private sealed class Offers : ISchedulerLink
    {
        public List<Offer> Received { get; } = [];
        public void ResourceOffers(IReadOnlyList<Offer> offers) => Received.AddRange(offers);
        public void OfferRescinded(OfferId offer)
        {
        }
        public void StatusUpdate(StatusUpdate update)
        {
        }
    }

    private sealed class Statuses : IMasterListener
    {
        public List<TaskState> States { get; } = [];
        public void TaskStatusChanged(StatusUpdate status) => States.Add(status.State);
    }
}
