using ClusterSim.Core.Agents;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Oversubscription;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Core.Tests.Oversubscription;

/// <summary>The ledger charges an eviction by the update's reason code (REASON_CONTAINER_PREEMPTED), not by its
/// text: a task that ends LOST for another reason, even with the same words, is no eviction.</summary>
public class UsageLedgerEvictionTests
{
    private static readonly FrameworkId Framework = new(0);
    private static readonly AgentId Agent = new(0);

    private static (IMasterListener Listener, UsageLedger Ledger) LedgerWithTask(string task)
    {
        var ledger = new UsageLedger((_, _) => 1.0);
        IMasterListener listener = ledger;
        listener.AgentAdded(Agent, AgentInfo.Of("a0", "cpus:4;mem:4096"));
        listener.TaskLaunched(Framework, Agent, new TaskSpec(new TaskId(task), R.Parse("cpus:2;mem:512"), Duration.Forever), Time.FromSeconds(10));
        return (listener, ledger);
    }

    [Test]
    public void AnUpdateWithThePreemptedCode_IsAnEviction_ChargedTheWorkItRan()
    {
        var (listener, ledger) = LedgerWithTask("b1");
        var evicted = new StatusUpdate(Framework, new TaskId("b1"), Agent, TaskState.Lost, Time.FromSeconds(25), RevocableResources.PreemptedMessage)
        {
            Code = StatusReason.ContainerPreempted,
            Source = StatusSource.Agent,
        };
        listener.TaskStatusChanged(evicted);
        Assert.That((ledger.Evictions, ledger.WorkLostCpuSeconds), Is.EqualTo((1L, 30.0)));
    }

    [Test]
    public void AnUpdateWithTheSameTextButNoCode_IsNoEviction()
    {
        var (listener, ledger) = LedgerWithTask("b1");
        listener.TaskStatusChanged(new StatusUpdate(Framework, new TaskId("b1"), Agent, TaskState.Lost, Time.FromSeconds(25),
            "REASON_CONTAINER_PREEMPTED: " + RevocableResources.PreemptedMessage));
        Assert.That((ledger.Evictions, ledger.WorkLostCpuSeconds), Is.EqualTo((0L, 0.0)));
    }
}
