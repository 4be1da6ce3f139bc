namespace ClusterSim.Workloads.Traces.Google2011;

/// <summary>
/// Reads the task_usage table of the Google cluster trace 2011 (clusterdata-2011-2, 20 columns; "Google
/// cluster-usage traces: format + schema", trace version 2.1, and the schema.csv shipped with the trace) and
/// joins each row to the task attempt it measured (<see cref="GoogleUsageJoin"/>).
/// </summary>
/// <remarks>
/// <para>Each row is one measurement window (normally 5 minutes) of one task on one machine: start and end times (int64 microseconds, the trace's clock), job ID,
/// task index, machine ID (the five mandatory columns), then means and maxima of usage, all floats normalised
/// as the requests are (CPU rate in core-seconds per second to the largest machine's cores, memory to its
/// memory), any of which may be empty. Only the CPU rate (column 6) and canonical memory usage (column 7) are
/// used.</para>
/// <para>The join. A task may run several attempts, each scheduled on a machine (task_events SCHEDULE) until an
/// event ends it. A row counts towards an attempt of its task when the row's machine is the attempt's (or the
/// attempt's machine is unknown) and the row's window overlaps the attempt's run; its weight there is the
/// overlap's length, so a window that straddles an attempt's end counts for the part it shares. Every row of
/// the task also counts towards the task's mean, weighted by its window's whole length (what the
/// single-mean join did). A row that overlaps no attempt on its machine feeds the task's mean only.</para>
/// <para>Every field of every row is checked, used or not: times and ids must be integers, floats finite and
/// not negative, sample portion within [0, 1], aggregation type 0 or 1, a window must not end before it
/// starts. Rows are counted when they add nothing: no CPU rate and no memory
/// (<see cref="SkipReason.MissingUsage"/>), end equal to start (<see cref="SkipReason.EmptyUsageWindow"/>), a
/// task not replayed (<see cref="SkipReason.UsageUnmatched"/>).</para>
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

    /// <summary>The usage of the replayed <paramref name="attempts"/> and of their tasks, read from every file
    /// of the table under <paramref name="path"/>, in name order.</summary>
    public static GoogleUsageJoin Read(string path, IReadOnlyList<GoogleTaskAttempt> attempts, TraceReport report)
    {
        var attemptsOfTask = new Dictionary<(long Job, long Task), List<GoogleTaskAttempt>>();
        foreach (var a in attempts)
        {
            if (!attemptsOfTask.TryGetValue((a.JobId, a.TaskIndex), out var list))
                attemptsOfTask[(a.JobId, a.TaskIndex)] = list = new List<GoogleTaskAttempt>();
            list.Add(a);
        }
        var join = new GoogleUsageJoin();
        report.ExpectUsage();
        report.ExpectAttemptUsage();
        foreach (var file in TraceTables.Of(TraceTables.Locate(path, [Table]), Table))
        {
            report.AddFile(file);
            foreach (var row in DelimitedTraceFile.Rows(file, ',', Fields))
            {
                report.AddRow();
                long start = row.Long(Start, 0, long.MaxValue), end = row.Long(End, 0, long.MaxValue);
                var key = (row.Long(JobId), row.Long(TaskIndex));
                long machine = row.Long(MachineId);
                for (int i = CpuRate; i < SamplePortion; i++) row.DoubleOrNull(i, 0, double.MaxValue);
                row.DoubleOrNull(SamplePortion, 0, 1);
                row.LongOrNull(AggregationType, 0, 1);
                row.DoubleOrNull(SampledCpu, 0, double.MaxValue);
                if (end < start) throw row.Error(End, $"a time at or after the start time ({start})", $"{end}");
                double? cpu = row.DoubleOrNull(CpuRate), mem = row.DoubleOrNull(CanonicalMemory);
                SkipReason? reason =
                    !attemptsOfTask.TryGetValue(key, out var ofTask) ? SkipReason.UsageUnmatched
                    : cpu is null && mem is null ? SkipReason.MissingUsage
                    : end == start ? SkipReason.EmptyUsageWindow
                    : null;
                if (reason is { } r)
                {
                    report.Skip(r);
                    continue;
                }
                // Weights in seconds (doubles: microsecond counts of a month stay exact).
                join.AddToTask(key, cpu, mem, (end - start) / 1e6);
                foreach (var attempt in ofTask!)
                {
                    if (attempt.MachineId is { } m && m != machine) continue;
                    // from >= start >= 0 and to <= end, so to - from cannot overflow.
                    long from = Math.Max(start, attempt.RunFromMicros), to = Math.Min(end, attempt.RunToMicros);
                    if (to > from) join.AddToAttempt(attempt, cpu, mem, (to - from) / 1e6);
                }
            }
        }
        return join;
    }
}
