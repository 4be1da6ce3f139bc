using ClusterSim.Core.Agents;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Oversubscription;
using ClusterSim.Core.Tasks;
using ClusterSim.RealAgent.Protocol;
using ClusterSim.RealAgent.Tests.Web;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.RealAgent.Tests.Master;

/// <summary>
/// An agent marked unreachable (it missed its heartbeats) that comes back keeps its partition-aware framework's
/// revocable task revocable, as a new leader does after a failover, and gets its oversubscribed total back, as a
/// Mesos agent re-sends it after re-registering (src/slave/slave.cpp, Slave::reregistered).
/// </summary>
[NonParallelizable]
public class RevocableHealTests
{
    /// <summary>Completes when the master removes an agent (marking it unreachable does).</summary>
    private sealed class RemovalWatch : IMasterListener
    {
        public TaskCompletionSource Removed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void AgentRemoved(AgentId agent, AgentInfo info) => Removed.TrySetResult();
    }

    [Test]
    public async Task AnUnreachableAgentThatComesBack_KeepsItsRevocableTaskRevocable_AndItsOversubscribedTotal()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        // Unreachable 2 s after its last word: long enough for the checks after it comes back on a busy machine.
        await using var master = await InProcessMaster.StartAsync(timeout.Token, heartbeatInterval: TimeSpan.FromMilliseconds(400),
            oversubscription: true, maxMissedHeartbeats: 5);
        await master.RegisterAgentAsync("agent-1", "cpus:4;mem:4096", timeout.Token);
        var info = new FrameworkInfo("spare", "analytics")
        {
            Capabilities = new SortedSet<string>([RevocableResources.Capability, Core.Cluster.Master.PartitionAware], StringComparer.Ordinal),
        };
        var revocableOffer = new RevocableOfferWatch();
        var removal = new RemovalWatch();
        var framework = await master.OnLoopAsync(m =>
        {
            m.AddListener(revocableOffer);
            m.AddListener(removal);
            return m.AddFramework(info, new SilentScheduler());
        });
        await master.ReportOversubscribedAsync("agent-1", "cpus:1.5;mem:512", timeout.Token);
        await revocableOffer.Made.Task.WaitAsync(timeout.Token);
        Assert.That(await master.TryLaunchAsync(framework, "agent-1", "spare-0", R.Of(cpus: 1.5, mem: 512), revocable: true), Is.True);

        // The agent says nothing more: it is marked unreachable, then comes back with its task, still revocable.
        await removal.Removed.Task.WaitAsync(timeout.Token);
        await master.RegisterAgentAsync("agent-1", "cpus:4;mem:4096", timeout.Token,
            [new RunningTask(framework.Value, "spare-0", 1.5, 512, "RUNNING") { Revocable = true }]);

        var (revocable, regular, total, state) = await master.OnLoopAsync(m =>
        {
            m.TryFindAgent("agent-1", out var agent);
            var offered = m.OutstandingOffers(framework).Where(RevocableResources.IsRevocable).Sum(o => o.Resources.Cpus);
            return (m.Allocator.Allocation(framework, RevocableResources.Role).Cpus - offered,
                m.Allocator.Allocation(framework, "analytics").Cpus - m.OutstandingOffers(framework).Where(o => !RevocableResources.IsRevocable(o)).Sum(o => o.Resources.Cpus),
                ((IOversubscribedTotals)m.Allocator).OversubscribedOn(agent),
                m.StateOf(framework, new TaskId("spare-0")));
        });
        Assert.Multiple(() =>
        {
            Assert.That(state, Is.EqualTo(TaskState.Running), "the partition-aware framework's task came back");
            Assert.That(revocable, Is.EqualTo(1.5), "held in the revocable books");
            Assert.That(regular, Is.Zero, "not in the framework's regular allocation");
            Assert.That(total, Is.EqualTo(R.Parse("cpus:1.5;mem:512")), "the agent's oversubscribed total is back");
        });
    }
}
