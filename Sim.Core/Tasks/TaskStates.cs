namespace ClusterSim.Core.Tasks;

public static class TaskStates
{
    public static bool IsTerminal(this TaskState state) => state >= TaskState.Finished;

    /// <summary>The Mesos spelling used in outputs: TASK_FINISHED is written FINISHED.</summary>
    public static string Name(this TaskState state) => state switch
    {
        TaskState.Staging => "STAGING",
        TaskState.Running => "RUNNING",
        TaskState.Finished => "FINISHED",
        TaskState.Failed => "FAILED",
        TaskState.Killed => "KILLED",
        TaskState.Lost => "LOST",
        TaskState.Unreachable => "UNREACHABLE",
        TaskState.Gone => "GONE",
        TaskState.GoneByOperator => "GONE_BY_OPERATOR",
        TaskState.Unknown => "UNKNOWN",
        _ => throw new ArgumentOutOfRangeException(nameof(state))
    };
}
