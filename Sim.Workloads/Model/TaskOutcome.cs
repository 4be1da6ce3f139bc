namespace ClusterSim.Workloads.Model;

/// <summary>
/// How a task attempt ended in the trace. A replay uses it to end the task the same way (a failed attempt
/// still occupies its resources for its duration; an evicted one is followed by its resubmission, when the
/// trace has one, as a separate submission with the next <see cref="WorkloadTask.Attempt"/>).
/// </summary>
public enum TaskOutcome
{
    Finished,
    Failed,
    Killed,
    Evicted,
    Lost,

    /// <summary>
    /// The trace window ended while the task ran; its duration was cut at the window end
    /// (see <c>OpenTaskRule.ClipToWindow</c>) or it runs forever (<c>OpenTaskRule.RunForever</c>).
    /// </summary>
    WindowEnd,
}
