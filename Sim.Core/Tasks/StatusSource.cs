namespace ClusterSim.Core.Tasks;

/// <summary>
/// Who made a task's status update (Mesos's <c>TaskStatus.Source</c>, include/mesos/v1/mesos.proto; the v1 API
/// spells the agent SOURCE_AGENT where v0 said SOURCE_SLAVE). Only the sources the simulator and the live agent
/// name; <see cref="StatusReasons.MesosName(StatusSource)"/> spells them.
/// </summary>
public enum StatusSource : byte
{
    /// <summary>No source given (Mesos's optional field absent).</summary>
    Unset,

    /// <summary>SOURCE_AGENT: the agent decided it, e.g. a QoS eviction.</summary>
    Agent,

    /// <summary>SOURCE_MASTER: the master decided it, e.g. a reconciliation answer or an agent's removal.</summary>
    Master,
}
