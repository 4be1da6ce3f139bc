namespace ClusterSim.Workloads.Traces.Google2011;

/// <summary>
/// Reads the task_usage table of the Google cluster trace 2011 (clusterdata-2011-2, 20 columns; "Google
/// cluster-usage traces: format + schema", trace version 2.1, and the schema.csv shipped with the trace) into
/// one <see cref="UsageMean"/> per task (job ID, task index) the replay holds.
/// </summary>
/// <remarks>
/// Each row is one measurement window (normally 5 minutes) of one task on one machine: start and end times
/// (int64 microseconds, the trace's clock), job ID, task index, machine ID (the five mandatory columns), then
/// means and maxima of usage, all floats normalised as the requests are (CPU rate to the largest machine's
/// cores, memory to its memory), any of which may be empty. A task's mean is the CPU rate (column 6) and
/// canonical memory usage (column 7) weighted by the windows' lengths, over every window of every attempt.
/// Every field of every row is checked, used or not: times and ids must be integers, floats finite and not
/// negative, sample portion within [0, 1], aggregation type 0 or 1, a window must not end before it starts.
/// Rows are counted when they add nothing: no CPU rate and no memory (<see cref="SkipReason.MissingUsage"/>),
/// end equal to start (<see cref="SkipReason.EmptyUsageWindow"/>), a task not replayed
/// (<see cref="SkipReason.UsageUnmatched"/>).
/// </remarks>
internal static class GoogleTaskUsage
{
    internal const string Table = "task_usage";

    internal static readonly string[] Fields =
    [
        "start time", "end time", "job ID", "task index", "machine ID", "CPU rate", "canonical memory usage",
        "assigned memory usage", "unmapped page cache", "total page cache", "maximum memory usage", "disk I/O time",
        "local disk space usage", "maximum CPU rate", "maximum disk IO time", "cycles per instruction",
        "memory accesses per instruction", "sample portion", "aggregation type", "sampled CPU usage",
    ];

    private const int Start = 0, End = 1, JobId = 2, TaskIndex = 3, MachineId = 4, CpuRate = 5, CanonicalMemory = 6,
        SamplePortion = 17, AggregationType = 18, SampledCpu = 19;

    /// <summary>The usage of each task in <paramref name="tasks"/> that has rows, read from every file of the
    /// table under <paramref name="path"/>, in name order.</summary>
    public static Dictionary<(long Job, long Task), UsageMean> Read(string path, IReadOnlySet<(long, long)> tasks,
        TraceReport report)
    {
        var usage = new Dictionary<(long Job, long Task), UsageMean>();
        report.ExpectUsage();
        foreach (var file in TraceTables.Of(TraceTables.Locate(path, [Table]), Table))
        {
            report.AddFile(file);
            foreach (var row in DelimitedTraceFile.Rows(file, ',', Fields))
            {
                report.AddRow();
                long start = row.Long(Start, 0, long.MaxValue), end = row.Long(End, 0, long.MaxValue);
                var key = (row.Long(JobId), row.Long(TaskIndex));
                row.Long(MachineId);
                for (int i = CpuRate; i < SamplePortion; i++) row.DoubleOrNull(i, 0, double.MaxValue);
                row.DoubleOrNull(SamplePortion, 0, 1);
                row.LongOrNull(AggregationType, 0, 1);
                row.DoubleOrNull(SampledCpu, 0, double.MaxValue);
                if (end < start) throw row.Error(End, $"a time at or after the start time ({start})", $"{end}");
                double? cpu = row.DoubleOrNull(CpuRate), mem = row.DoubleOrNull(CanonicalMemory);
                SkipReason? reason =
                    !tasks.Contains(key) ? SkipReason.UsageUnmatched
                    : cpu is null && mem is null ? SkipReason.MissingUsage
                    : end == start ? SkipReason.EmptyUsageWindow
                    : null;
                if (reason is { } r)
                {
                    report.Skip(r);
                    continue;
                }
                if (!usage.TryGetValue(key, out var mean)) usage[key] = mean = new UsageMean();
                // Weighted by the window's length in seconds (a double: microsecond counts of a month stay exact).
                mean.Add(cpu, mem, (end - start) / 1e6);
            }
        }
        return usage;
    }
}
