using System.Globalization;
using System.Text;
using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;

namespace ClusterSim.Workloads.Traces;

/// <summary>
/// Summary figures of a trace, for <c>clustersim trace stats FORMAT PATH</c>: what the trace holds (its
/// <see cref="TraceReport"/>'s trace counts) beside what a replay keeps of it after the window, sampling and
/// skip rules (the figures of this record).
/// </summary>
/// <param name="Span">Last submit minus first submit (replay time); zero with fewer than two arrivals.</param>
/// <param name="TotalRequest">Sum of the requests of all tasks.</param>
/// <param name="CpuSeconds">Offered work: sum over tasks of duration (s) × requested cpus; tasks that run forever left out.</param>
/// <param name="TasksRunningForever">Tasks with an endless duration (Google, <see cref="OpenTaskRule.RunForever"/>).</param>
/// <param name="PeakCapacity">The cluster's largest total capacity (by cpus) over its machine events; null without machines.</param>
/// <param name="OfferedLoad">
/// <see cref="CpuSeconds"/> / (<see cref="PeakCapacity"/> cpus × <see cref="Span"/> seconds): for SWF, with one cpu
/// per processor, sum(run time × processors) / (MaxProcs × span), the archive's offered load. Null when the
/// trace has no machines or the span is zero.
/// </param>
public sealed record TraceStatistics(
    TraceFormat Format,
    string Path,
    long Jobs,
    long Arrivals,
    long Tasks,
    long Machines,
    Time? FirstSubmit,
    Time? LastSubmit,
    Duration Span,
    Resources TotalRequest,
    double CpuSeconds,
    long TasksRunningForever,
    Resources? PeakCapacity,
    double? OfferedLoad,
    TraceReport Report)
{
    /// <summary>Reads the trace of <paramref name="format"/> at <paramref name="path"/> with each format's default options.</summary>
    public static TraceStatistics Compute(TraceFormat format, string path, TraceOptions? options = null,
        TraceUsageOptions? usage = null) =>
        Compute(TraceReaders.Open(format, path, options, usage));

    /// <summary>Streams the reader's machines and jobs once and sums them up.</summary>
    public static TraceStatistics Compute(ITraceReader reader)
    {
        var report = new TraceReport();
        var capacity = new Dictionary<string, Resources>(StringComparer.Ordinal);
        var total = Resources.Empty;
        Resources? peak = null;
        foreach (var e in reader.ReadMachines(report))
        {
            total -= capacity.GetValueOrDefault(e.MachineId);
            if (e.Kind == Model.MachineChange.Remove) capacity.Remove(e.MachineId);
            else capacity[e.MachineId] = e.Capacity;
            total += e.Capacity;
            if (peak is null || total.Cpus > peak.Value.Cpus) peak = total;
        }

        Time? first = null, last = null;
        var requested = Resources.Empty;
        double cpuSeconds = 0;
        long forever = 0;
        foreach (var job in reader.ReadJobs(report))
        {
            first ??= job.Submit;
            last = job.Submit;
            foreach (var task in job.Tasks)
            {
                requested += task.Request;
                if (task.Duration.IsForever) forever++;
                else cpuSeconds += task.Duration.Seconds * task.Request.Cpus;
            }
        }
        var span = first is { } f && last is { } l ? l - f : Duration.Zero;
        double? load = peak is { Cpus: > 0 } p && span > Duration.Zero ? cpuSeconds / (p.Cpus * span.Seconds) : null;
        return new TraceStatistics(reader.Format, reader.Path, report.Jobs, report.Arrivals, report.Tasks,
            report.Machines, first, last, span, requested, cpuSeconds, forever, peak, load, report);
    }

    /// <summary>
    /// The figures in a fixed order as (label, trace, replay) rows: what the trace holds by its format's own
    /// definition beside what a replay keeps, then the replay's own figures, then skips by reason and
    /// adjustments. A count the trace does not give reads "unknown".
    /// </summary>
    public IReadOnlyList<StatisticRow> Rows()
    {
        var rows = new List<StatisticRow>
        {
            new("rows read", Count(Report.Rows), ""),
            new("jobs", Known(Report.TraceJobs), Count(Jobs)),
            new("tasks", Known(Report.TraceTasks), Count(Tasks)),
            new("arrivals", "", Count(Arrivals)),
            new("machines", Known(Report.TraceMachines), Report.TraceMachines is null && Machines == 0 ? "unknown" : Count(Machines)),
            new("first submit", "", FirstSubmit is { } f ? Seconds(f.Seconds) : "-"),
            new("last submit", "", LastSubmit is { } l ? Seconds(l.Seconds) : "-"),
            new("span", "", Seconds(Span.Seconds)),
            new("requested (sum)", "", TotalRequest.ToString()),
            new("work (cpu-seconds)", "", CpuSeconds.ToString("0.###", CultureInfo.InvariantCulture)),
            new("tasks running forever", "", Count(TasksRunningForever)),
            new("peak capacity", "", PeakCapacity?.ToString() ?? "-"),
            new("offered load", "", OfferedLoad?.ToString("0.####", CultureInfo.InvariantCulture) ?? "-"),
            new("skipped (total)", "", Count(Report.SkippedTotal)),
        };
        if (Report.TasksWithUsage is { } with)
        {
            rows.Add(new("tasks with trace usage", "", Count(with)));
            if (Report.UsageFromTaskMean is { } fromTask)
                rows.Add(new("  of which from the task's mean", "", Count(fromTask)));
            rows.Add(new("tasks without (framework's usage:)", "", Count(Report.TasksWithoutUsage ?? 0)));
            rows.Add(new("usage clamped to 1", "", Count(Report.UsageClamped)));
        }
        foreach (var (reason, count) in Report.Skipped) rows.Add(new($"skipped: {reason}", "", Count(count)));
        foreach (var (what, count) in Report.Adjusted) rows.Add(new($"adjusted: {what}", "", Count(count)));
        return rows;
    }

    /// <summary>
    /// The figures as plain text: the format and path, how sizes were scaled, then one line per row with the
    /// trace and replay columns, each column padded to one width.
    /// </summary>
    public string Render()
    {
        var rows = Rows();
        var header = new StatisticRow("", "trace", "replay");
        int label = rows.Max(r => r.Label.Length), trace = rows.Append(header).Max(r => r.Trace.Length),
            replay = rows.Append(header).Max(r => r.Replay.Length);
        var text = new StringBuilder();
        text.Append(TraceFormats.Name(Format)).Append(": ").Append(Path).Append('\n');
        if (Report.Scaling is { } scaling) text.Append("sizes: ").Append(scaling).Append('\n');
        foreach (var row in rows.Prepend(header))
            text.Append(row.Label.PadRight(label)).Append("  ").Append(row.Trace.PadLeft(trace)).Append("  ")
                .Append(row.Replay.PadLeft(replay)).Append('\n');
        return text.ToString();
    }

    private static string Known(long? n) => n is { } v ? Count(v) : "unknown";

    private static string Seconds(double s) => s.ToString("0.######", CultureInfo.InvariantCulture) + "s";

    private static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);
}
