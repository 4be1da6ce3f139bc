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

    /// <summary>REASON_RECONCILIATION: the master's answer to a reconciliation request (src/master/master.cpp,
    /// Master::reconcileTasks and _reconcileTasks).</summary>
    Reconciliation,

    /// <summary>REASON_AGENT_REMOVED (v0's REASON_SLAVE_REMOVED): the task's agent was removed or became
    /// unreachable (src/master/master.cpp, __removeSlave and markUnreachable).</summary>
    AgentRemoved,

    /// <summary>REASON_AGENT_REMOVED_BY_OPERATOR (v0's REASON_SLAVE_REMOVED_BY_OPERATOR): the operator marked the
    /// task's agent gone, told to a partition-aware framework with TASK_GONE_BY_OPERATOR (src/master/master.cpp,
    /// __removeSlave and markGone).</summary>
    AgentRemovedByOperator,

    /// <summary>REASON_FRAMEWORK_REMOVED: the task was killed because its framework was removed
    /// (src/master/master.cpp, Master::removeFramework).</summary>
    FrameworkRemoved,
}
