namespace ClusterSim.Core.Tasks;

public static class TaskStates
{
    /// <summary>
    /// Whether the task has ended: the master's books and the outputs stop following it there. Mesos's
    /// protobuf::isTerminalState (src/common/protobuf_utils.cpp) is FINISHED, FAILED, KILLED, LOST, GONE and
    /// GONE_BY_OPERATOR, and so is this; UNKNOWN is not (a reconciliation answer that the master knows neither the
    /// task nor its agent: the task may still run on an agent that comes back). UNREACHABLE is not terminal in
    /// Mesos either, but its master treats it as an end for its books (updateTask recovers the resources of a
    /// task that turns "terminal or unreachable", and __removeSlave removes it), and so does the simulator.
    /// </summary>
    public static bool IsTerminal(this TaskState state) => state switch
    {
        TaskState.Finished or TaskState.Failed or TaskState.Killed or TaskState.Lost or TaskState.Unreachable
            or TaskState.Gone or TaskState.GoneByOperator => true,
        _ => false,
    };

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
