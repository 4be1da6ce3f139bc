using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Traces;

namespace ClusterSim.Experiments.Model;

/// <summary>
/// One pass over a framework's trace before the run: how many arrivals its window holds, when the first
/// arrives (replay time), and how many jobs and tasks can never start on the cluster (<see cref="JobFit"/>).
/// </summary>
public sealed record TraceScan(long Arrivals, long Tasks, Time? FirstArrival, long OutsideWindow, long UnschedulableJobs, long UnschedulableTasks)
{
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
        return new TraceScan(arrivals, tasks, first, report.SkippedFor(SkipReason.OutsideWindow), badJobs, badTasks);
    }
}
