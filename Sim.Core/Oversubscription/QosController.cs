using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;

namespace ClusterSim.Core.Oversubscription;

/// <summary>
/// Each agent's QoS controller (src/slave/slave.cpp, qosCorrections; src/slave/qos_controllers/load.cpp):
/// when the agent's usage of some resource exceeds <see cref="OversubscriptionSettings.QosThreshold"/> of its
/// capacity, revocable tasks are evicted (<see cref="EvictionRule"/>). Mesos's load controller judges by the
/// host's load average; usage against capacity is the simulator's stand-in for it. The eviction itself is
/// the agent's (<see cref="Evict"/>: the container destroyed, TASK_LOST, or TASK_GONE to a partition-aware
/// framework (<see cref="EvictedState"/>), with REASON_CONTAINER_PREEMPTED (<see cref="StatusReason.ContainerPreempted"/>)
/// and <see cref="RevocableResources.PreemptedMessage"/>).
/// </summary>
public sealed class QosController
{
    private readonly ILoop _loop;
    private readonly UsageLedger _ledger;
    private readonly OversubscriptionSettings _settings;
    private readonly HashSet<(FrameworkId, TaskId)> _evicting = [];

    public QosController(ILoop loop, UsageLedger ledger, OversubscriptionSettings settings)
    {
        _loop = loop;
        _ledger = ledger;
        _settings = settings;
    }

    /// <summary>The state an evicted task ends in: TASK_GONE for a PARTITION_AWARE framework, TASK_LOST for the
    /// others (src/slave/slave.cpp, Slave::_qosCorrections).</summary>
    public static TaskState EvictedState(FrameworkInfo framework) =>
        framework.HasCapability(Master.PartitionAware) ? TaskState.Gone : TaskState.Lost;

    /// <summary>Ends a revocable task on its agent as a QoS correction.</summary>
    public Action<AgentId, FrameworkId, TaskId>? Evict { get; set; }

    public void Start()
    {
        if (_settings.QosInterval > Timing.Duration.Zero) _loop.At(_loop.Now + _settings.QosInterval, Tick);
        // Checked after the launch that raised the usage has finished, at the same instant.
        else _ledger.UsageRose = agent => _loop.Post(() => Check(agent));
    }

    private void Tick()
    {
        _loop.At(_loop.Now + _settings.QosInterval, Tick);
        foreach (var agent in _ledger.Agents) Check(agent);
    }

    private void Check(AgentId agent)
    {
        if (!_ledger.Has(agent)) return;
        var usage = _ledger.Of(agent);
        foreach (var task in QosCorrections.Choose(usage.Capacity, _settings.QosThreshold, usage.Used, usage.Revocable, t => t.Used, _settings.Eviction))
            // A task already being evicted still counts as going: its update is on its way.
            if (_evicting.Add((task.Framework, task.Task))) Evict?.Invoke(agent, task.Framework, task.Task);
    }
}
