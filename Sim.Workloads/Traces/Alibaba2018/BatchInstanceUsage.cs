namespace ClusterSim.Workloads.Traces.Alibaba2018;

/// <summary>
/// Reads the batch_instance table of Alibaba cluster-trace-v2018 (alibaba/clusterdata,
/// cluster-trace-v2018/schema.md, section 1.6: 14 columns) into one <see cref="UsageMean"/> per task
/// (job_name, task_name) the replay holds: the plain mean over the task's instance rows of cpu_avg (100 = one
/// core, as plan_cpu) and mem_avg (normalised 0-100, as plan_mem).
/// </summary>
/// <remarks>
/// Columns, by the schema's field names: instance_name, task_name, job_name, task_type, status, start_time,
/// end_time, machine_id, seq_no, total_seq_no, cpu_avg, cpu_max, mem_avg, mem_max. (The schema's comments on
/// cpu_max and mem_avg are swapped; the names and their order are what the data follows.) Every field is
/// checked: names present, times and sequence numbers integers, usage figures numbers. Negative figures and
/// memory above 100 are the trace's invalid markers (-1, 101): such a figure is left out of its task's mean,
/// and a row with neither a CPU nor a memory figure counts as <see cref="SkipReason.MissingUsage"/>; a row of
/// a task the replay does not hold as <see cref="SkipReason.UsageUnmatched"/>.
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
                row.LongOrNull(StartTime, long.MinValue, maxSeconds);
                row.LongOrNull(EndTime, long.MinValue, maxSeconds);
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
                mean.Add(cpu, mem, 1);
            }
        }
        return usage;
    }
}
