namespace ClusterSim.Workloads.Traces.Alibaba2018;

/// <summary>
/// Reads the batch_instance table of Alibaba cluster-trace-v2018 (alibaba/clusterdata,
/// cluster-trace-v2018/schema.md, section 1.6: 14 columns) into one <see cref="UsageMean"/> per task
/// (job_name, task_name) the replay holds: the mean over the task's instance rows of cpu_avg (100 = one core,
/// as plan_cpu) and mem_avg (normalised 0-100, as plan_mem), each instance weighted by how long it ran.
/// </summary>
/// <remarks>
/// Columns, by the schema's field names: instance_name, task_name, job_name, task_type, status, start_time,
/// end_time, machine_id, seq_no, total_seq_no, cpu_avg, cpu_max, mem_avg, mem_max. (The schema's comments on
/// cpu_max and mem_avg are swapped; the names and their order are what the data follows.) Every field is
/// checked: names present, times and sequence numbers integers, usage figures numbers. Negative figures and
/// memory above 100 are the trace's invalid markers (-1, 101): such a figure is left out of its task's mean,
/// and a row with neither a CPU nor a memory figure counts as <see cref="SkipReason.MissingUsage"/>; a row of
/// a task the replay does not hold as <see cref="SkipReason.UsageUnmatched"/>.
/// <para>Weights. cpu_avg and mem_avg are an instance's means over its run, so a task's mean over its instances
/// weighs each by its duration, end_time - start_time in seconds, at least 1 s (the trace's resolution: an
/// instance that starts and ends within one second ran up to a second). Where the columns do not give a
/// duration (start_time or end_time empty, start_time negative, end_time 0 or before start_time: the markers
/// batch_task's rows use for times they lack), the instance weighs 1 s, and the report counts the row as an
/// adjustment; a task none of whose rows has a duration thus gets the plain mean. Instances are not matched to
/// the replay's instances one by one: batch_task gives a task only a count of them, so every instance of a task
/// gets the task's fraction.</para>
/// </remarks>
internal static class BatchInstanceUsage
{
    internal const string Table = "batch_instance";

    internal static readonly string[] Fields =
    [
        "instance_name", "task_name", "job_name", "task_type", "status", "start_time", "end_time", "machine_id",
        "seq_no", "total_seq_no", "cpu_avg", "cpu_max", "mem_avg", "mem_max",
    ];

    private const int InstanceName = 0, TaskName = 1, JobName = 2, TaskType = 3, Status = 4, StartTime = 5,
        EndTime = 6, MachineId = 7, SeqNo = 8, TotalSeqNo = 9, CpuAvg = 10, CpuMax = 11, MemAvg = 12, MemMax = 13;

    public static Dictionary<(string Job, string Task), UsageMean> Read(string path,
        IReadOnlySet<(string, string)> tasks, long maxSeconds, TraceReport report)
    {
        var usage = new Dictionary<(string Job, string Task), UsageMean>();
        report.ExpectUsage();
        foreach (var file in TraceTables.Of(TraceTables.Locate(path, [Table]), Table))
        {
            report.AddFile(file);
            foreach (var row in DelimitedTraceFile.Rows(file, ',', Fields))
            {
                report.AddRow();
                row.Text(InstanceName);
                var key = (row.Text(JobName), row.Text(TaskName));
                row.TextOrNull(TaskType);
                row.TextOrNull(Status);
                long? start = row.LongOrNull(StartTime, long.MinValue, maxSeconds);
                long? end = row.LongOrNull(EndTime, long.MinValue, maxSeconds);
                row.TextOrNull(MachineId);
                row.LongOrNull(SeqNo);
                row.LongOrNull(TotalSeqNo);
                double? cpu = row.DoubleOrNull(CpuAvg), mem = row.DoubleOrNull(MemAvg);
                row.DoubleOrNull(CpuMax);
                row.DoubleOrNull(MemMax);
                if (cpu < 0) cpu = null;
                if (mem is < 0 or > 100) mem = null;
                SkipReason? reason =
                    !tasks.Contains(key) ? SkipReason.UsageUnmatched
                    : cpu is null && mem is null ? SkipReason.MissingUsage
                    : null;
                if (reason is { } r)
                {
                    report.Skip(r);
                    continue;
                }
                if (!usage.TryGetValue(key, out var mean)) usage[key] = mean = new UsageMean();
                mean.Add(cpu, mem, Seconds(start, end, report));
            }
        }
        return usage;
    }

    /// <summary>The instance's weight: its run in seconds, at least 1; 1 (counted) when its times give none.</summary>
    private static double Seconds(long? start, long? end, TraceReport report)
    {
        // Both within [long.MinValue, maxSeconds]; start >= 0 and end >= start keep end - start from overflowing.
        if (start is { } s && end is { } e && s >= 0 && e > 0 && e >= s) return Math.Max(e - s, 1);
        report.Adjust("batch_instance row without a duration (start_time, end_time) weighted as 1 s");
        return 1;
    }
}
