namespace ClusterSim.Workloads.Traces;

/// <summary>
/// What the Google 2011 reader does with a task attempt the trace window cuts: one already submitted or
/// running when the window starts (its SUBMIT, or its SCHEDULE, lies before the window or before the first
/// row read), or one still running when the window ends (no FINISH/FAIL/KILL/EVICT/LOST by then, or one at
/// time 2^63-1, which the schema defines as "after the window").
/// </summary>
public enum OpenTaskRule
{
    /// <summary>
    /// The default. An attempt open at the window start is submitted at the window start; it runs from
    /// the later of its SCHEDULE and the window start to its end event. An attempt open at the window end
    /// runs until the window end and ends as <see cref="Model.TaskOutcome.WindowEnd"/>. The replay then
    /// holds exactly the work the window observed.
    /// </summary>
    ClipToWindow,

    /// <summary>As <see cref="ClipToWindow"/> at the start; an attempt open at the window end never ends
    /// (<see cref="ClusterSim.Core.Timing.Duration.Forever"/>), like a long-running service.</summary>
    RunForever,

    /// <summary>Attempts open at either edge are left out, counted as <see cref="SkipReason.OpenAtWindowStart"/>
    /// or <see cref="SkipReason.OpenAtWindowEnd"/>.</summary>
    Drop,
}
