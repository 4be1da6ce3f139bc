using ClusterSim.Core.Oversubscription;
using ClusterSim.Core.Tasks;

namespace ClusterSim.RealAgent.Agent;

/// <summary>
/// The live agent's QoS controller (src/slave/slave.cpp, qosCorrections and _qosCorrections;
/// src/slave/qos_controllers/load.cpp), run on the slack estimator's tick over the same measurements: when the
/// measured usage of all the agent's tasks exceeds <c>threshold x</c> its capacity in some resource, revocable
/// tasks are evicted, chosen by the simulator's own rule (<see cref="QosCorrections.Choose"/>, so the two modes
/// pick alike). Mesos's load controller judges by the host's load average; measured usage against the agent's
/// capacity is what the simulator judges by, so the live agent does the same. Each evicted task ends TASK_LOST,
/// or TASK_GONE when its framework is partition-aware, with REASON_CONTAINER_PREEMPTED
/// (<see cref="QosController.EvictedState"/>, <see cref="RevocableResources.PreemptedMessage"/>).
/// </summary>
public sealed class AgentQosController(Core.Resources.Resources capacity, double threshold, EvictionRule rule)
{
    /// <summary>The agent's controller as its options ask: none when <see cref="AgentOptions.Eviction"/> is null
    /// (<c>--qos-evict none</c>: the agent estimates and reports slack but evicts nothing, as a Mesos agent without
    /// a <c>--qos_controller</c>, Mesos's default).</summary>
    public static AgentQosController? For(AgentOptions options, Core.Resources.Resources capacity) =>
        options.Eviction is { } rule ? new AgentQosController(capacity, options.QosThreshold, rule) : null;

    /// <summary>The revocable tasks to evict and the state each ends in. A task not measured yet counts as using
    /// nothing: it has no rate until its second tick, and counting what it holds instead would evict revocable
    /// tasks at every launch on an agent whose allocations exceed its capacity, which is oversubscription's point.</summary>
    public IReadOnlyList<(RunningContainer Task, string State)> Corrections(IReadOnlyList<MeasuredTask> measured)
    {
        var used = Core.Resources.Resources.Empty;
        foreach (var task in measured) used += task.Used ?? Core.Resources.Resources.Empty;
        var revocable = measured.Where(t => t.Task.Revocable).ToList();
        return QosCorrections.Choose(capacity, threshold, used, revocable, t => t.Used ?? Core.Resources.Resources.Empty, rule)
            .Select(t => (t.Task, (t.Task.PartitionAware ? TaskState.Gone : TaskState.Lost).Name())).ToList();
    }
}
