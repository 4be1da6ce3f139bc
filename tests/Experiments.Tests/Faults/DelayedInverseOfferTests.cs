using ClusterSim.Allocators;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Faults;
using ClusterSim.Workloads.Frameworks;
using ClusterSim.Workloads.Model;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Experiments.Tests.Faults;

/// <summary>Under message delays, inverse offers and their answers travel like every other message: a
/// framework behind delayed links still hears of maintenance and answers it.</summary>
public class DelayedInverseOfferTests
{
    [Test]
    public void A_FrameworkBehindDelayedMessages_AcceptsItsInverseOffer()
    {
        var loop = new SimLoop();
        var options = new AllocationOptions();
        var cluster = new HostedCluster(loop, AllocationPolicies.Create(loop, options, 1), options);
        cluster.Start();
        var master = cluster.Master;
        new SimulatedAgent(loop, master).Register(AgentInfo.Of("a0", "cpus:4;mem:4096"));
        var driver = new DelayedSchedulerDriver(new InProcessSchedulerDriver(master), loop, () => Duration.FromSeconds(2));
        var framework = new BatchFramework(loop, driver, new FrameworkSettings("batch", "r"));
        framework.Start([new WorkloadJob("j", Time.Zero,
            [new WorkloadTask(0, "t", R.Of(cpus: 1, mem: 256), Duration.FromHours(2), Time.Zero, 0, TaskOutcome.Finished, WorkloadTask.NoParents)])]);
        loop.RunUntil(Time.Zero + Duration.FromMinutes(1));
        Assert.That(framework.RunningTasks, Is.EqualTo(1));

        master.TryFindAgent("a0", out var agent);
        var made = new List<InverseOffer>();
        master.AddListener(new InverseOffers(made));
        master.UpdateMaintenance(agent, new Unavailability(Time.Zero + Duration.FromHours(1), Duration.FromMinutes(30)));
        loop.RunUntil(Time.Zero + Duration.FromMinutes(2));

        // Made once, delivered 2 s later, accepted (with a filter until the window ends), the answer 2 s
        // later again: nothing is left outstanding and no other inverse offer was made.
        Assert.That(made, Has.Count.EqualTo(1));
        Assert.That(master.OutstandingInverseOffers(framework.Id), Is.Empty);
    }

    private sealed class InverseOffers(List<InverseOffer> made) : IMasterListener
    {
        public void InverseOfferMade(InverseOffer offer) => made.Add(offer);
    }
}
