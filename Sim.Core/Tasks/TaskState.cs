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
}
