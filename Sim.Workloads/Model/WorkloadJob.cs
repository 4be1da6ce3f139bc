using ClusterSim.Core.Timing;

namespace ClusterSim.Workloads.Model;

/// <summary>
/// One arrival of work: tasks of one trace job that are submitted together at <see cref="Submit"/>.
/// Readers yield arrivals in nondecreasing <see cref="Submit"/>, ties in trace order.
/// </summary>
/// <remarks>
/// Why arrivals and not whole jobs: in the Google 2011 trace a job's tasks are submitted at different times,
/// and an evicted (or failed, killed, lost) task is resubmitted later as a new attempt. Folding all of that
/// into one object would force the replay to schedule every later submission itself, and would force a
/// reader to hold a job until the trace's end (any task may be resubmitted at any time). So a trace job
/// whose tasks arrive at several instants appears as several <see cref="WorkloadJob"/> items with the same
/// <see cref="Id"/>; each task carries its <see cref="WorkloadTask.Attempt"/> number. Every task attempt
/// read from the trace is either in exactly one arrival or counted as skipped, with its reason, in the
/// reader's <c>TraceReport</c>: the replay conserves work.
/// SWF, SWIM and Alibaba jobs arrive whole, as one item each. <see cref="WorkloadTask.Parents"/> refer
/// to tasks of the same item only.
/// </remarks>
/// <param name="Id">The trace's job id (job number, job name), as text.</param>
/// <param name="Submit">Arrival time relative to the replay's start (window start, divided by the time scale).</param>
/// <param name="Tasks">The tasks, <see cref="WorkloadTask.Index"/> equal to their position.</param>
/// <param name="User">The submitting user, when the trace names one.</param>
/// <param name="Priority">The trace's priority (Google 0-11), when it has one.</param>
/// <param name="SchedulingClass">Google's latency sensitivity (0-3, 3 most sensitive), when known.</param>
/// <param name="Name">The trace's job name (Google's logical job name), when known.</param>
public sealed record WorkloadJob(
    string Id,
    Time Submit,
    IReadOnlyList<WorkloadTask> Tasks,
    string? User = null,
    int? Priority = null,
    int? SchedulingClass = null,
    string? Name = null)
{
    /// <summary>No other arrival has this <see cref="Id"/> (a generated id): a framework need not remember it
    /// to number later parts, so what it keeps does not grow with the jobs done.</summary>
    public bool IdIsUnique { get; init; }
}
