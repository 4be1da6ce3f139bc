namespace ClusterSim.Core.Tasks;

/// <summary>
/// Why a task's status changed, as a code of its own beside the status's text (Mesos's
/// <c>TaskStatus.Reason</c> and <c>TaskStatus.message</c>, include/mesos/v1/mesos.proto). Only the reasons the
/// simulator and the live agent give; each is Mesos's value of the same name (REASON_CONTAINER_PREEMPTED is
/// <see cref="ContainerPreempted"/>; <see cref="StatusReasons.MesosName(StatusReason)"/> spells it).
/// </summary>
public enum StatusReason : byte
{
    /// <summary>No reason given (Mesos's optional field absent).</summary>
    Unset,

    /// <summary>REASON_CONTAINER_PREEMPTED: a QoS correction evicted the revocable task (src/slave/slave.cpp,
    /// Slave::_qosCorrections).</summary>
    ContainerPreempted,
}
