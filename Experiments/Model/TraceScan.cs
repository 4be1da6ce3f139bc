using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Traces;

namespace ClusterSim.Experiments.Model;

/// <summary>
/// One pass over a framework's trace before the run: how many arrivals its window holds, when the first
/// arrives (replay time), and how many jobs and tasks can never start on the cluster (<see cref="JobFit"/>);
/// with a usage table, how many tasks it gives a usage fraction, how many fall back to the framework's
/// <c>usage:</c> and how many were clamped to 1 (<see cref="TraceReport.TasksWithUsage"/>), and (Google, whose
/// usage is per attempt) how many took their task's mean for want of rows of their own.
/// </summary>
public sealed record TraceScan(long Arrivals, long Tasks, Time? FirstArrival, long OutsideWindow, long UnschedulableJobs, long UnschedulableTasks)
{
    public long? TasksWithUsage { get; init; }
    public long TasksWithoutUsage { get; init; }
    public long UsageClamped { get; init; }
    public long UsageFromTaskMean { get; init; }

    public static TraceScan Of(TraceSource source, JobFit? fit)
    {
        var report = new TraceReport();
        long arrivals = 0, tasks = 0, badJobs = 0, badTasks = 0;
        Time? first = null;
        foreach (var job in TraceOpener.Open(source with { Fit = null }).ReadJobs(report))
        {
            arrivals++;
            tasks += job.Tasks.Count;
            first ??= job.Submit;
            if (fit == null || fit.Schedulable(job)) continue;
            badJobs++;
            badTasks += job.Tasks.Count;
        }
        return new TraceScan(arrivals, tasks, first, report.SkippedFor(SkipReason.OutsideWindow), badJobs, badTasks)
        {
            TasksWithUsage = report.TasksWithUsage,
            TasksWithoutUsage = report.TasksWithoutUsage ?? 0,
            UsageClamped = report.UsageClamped,
            UsageFromTaskMean = report.UsageFromTaskMean ?? 0,
        };
    }
}
