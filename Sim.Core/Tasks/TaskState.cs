namespace ClusterSim.Core.Tasks;

/// <summary>Mesos task states the simulator models: STAGING -> RUNNING -> FINISHED | FAILED | KILLED | LOST.</summary>
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
}
