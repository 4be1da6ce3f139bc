namespace ClusterSim.Core.Tasks;

/// <summary>Mesos task states the simulator models: STAGING -> RUNNING -> FINISHED | FAILED | KILLED | LOST, and
/// for PARTITION_AWARE frameworks UNREACHABLE, GONE, GONE_BY_OPERATOR and UNKNOWN (include/mesos/mesos.proto, TaskState).
/// New states are appended: outputs write their numbers (event digests hash them).</summary>
public enum TaskState
{
    Staging,
    Running,
    Finished,
    Failed,
    Killed,
    Lost,

    /// <summary>Mesos 1.x's TASK_UNREACHABLE: the task's agent is partitioned away; sent instead of LOST to
    /// frameworks with the PARTITION_AWARE capability. The master's books treat it as an end.</summary>
    Unreachable,

    /// <summary>Mesos's TASK_GONE: the task was started and is no longer running, its agent says (a QoS
    /// eviction, src/slave/slave.cpp _qosCorrections). Sent to PARTITION_AWARE frameworks instead of LOST.</summary>
    Gone,

    /// <summary>Mesos's TASK_GONE_BY_OPERATOR: the operator marked the task's agent gone (src/master/master.cpp,
    /// markGone and __removeSlave). Sent to PARTITION_AWARE frameworks instead of LOST.</summary>
    GoneByOperator,

    /// <summary>Mesos's TASK_UNKNOWN: the master knows neither the task nor the agent it was named on (explicit
    /// reconciliation, src/master/master.cpp Master::reconcile case 6). Sent to PARTITION_AWARE frameworks
    /// instead of LOST; the master's books never hold a task in it. Not terminal (<see cref="TaskStates.IsTerminal"/>).</summary>
    Unknown,
}
