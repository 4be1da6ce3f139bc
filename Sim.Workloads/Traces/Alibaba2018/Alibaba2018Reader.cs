using ClusterSim.Core.Resources;
using ClusterSim.Workloads.Model;

namespace ClusterSim.Workloads.Traces.Alibaba2018;

/// <summary>
/// Reads Alibaba cluster-trace-v2018: machine_meta as the cluster, batch_task as the workload, and with
/// <see cref="Alibaba2018Options.Usage"/> batch_instance for each task's usage fraction
/// (<see cref="BatchInstanceUsage"/>, joined by job_name and task_name; every instance of a task gets the task's
/// fraction). The path is a machine_meta or batch_task file, or a folder holding them (see
/// <see cref="TraceTables"/>); gzipped or plain.
/// </summary>
/// <remarks>
/// <para>Machines. machine_meta is published ordered by machine, not by time, so its rows (a few per
/// machine) are read whole and stably sorted by time_stamp. A row with status USING puts the machine in the
/// cluster with cpu_num cpus and mem_size/100 × <see cref="Alibaba2018Options.MachineMemoryMb"/> MB (an ADD,
/// or an UPDATE when its capacity changed); any other status (IMPORT_INSTALLING, ...) takes it out (a
/// REMOVE when it was in). A row that changes nothing counts as <see cref="SkipReason.MachineUnchanged"/>;
/// a USING row with cpu_num or mem_size empty, -1 or out of range (101 and above) as
/// <see cref="SkipReason.MissingCapacity"/>.</para>
/// <para>Jobs. Rows of one job_name are scattered through batch_task, so the reader keeps every usable
/// row compactly, then emits jobs in order of submit time (the earliest start_time of their tasks; ties in
/// order of first row). Each row is a task of instance_num instances, each asking for plan_cpu/100 cpus and
/// plan_mem/100 × MachineMemoryMb MB, running end_time − start_time; the task-name DAG becomes
/// <see cref="WorkloadTask.Parents"/> (see <see cref="AlibabaTaskName"/>). Row rules, in order:
/// instance_num 0 or less → <see cref="SkipReason.NoInstances"/>; start_time empty or negative, end_time empty or 0
/// → <see cref="SkipReason.MissingTime"/>; end before start → <see cref="SkipReason.EndBeforeStart"/>;
/// plan_cpu empty or negative, plan_mem empty, negative or above 100 → <see cref="SkipReason.InvalidValue"/>;
/// plan_cpu and plan_mem both 0 → <see cref="SkipReason.ZeroRequest"/>. Job rules: submit outside
/// [from, to) → <see cref="SkipReason.OutsideWindow"/>; not sampled → <see cref="SkipReason.SampledOut"/>;
/// a cyclic DAG → <see cref="SkipReason.CyclicDependencies"/>. Status Terminated ends tasks as Finished,
/// Failed as Failed, Cancelled and Interrupted as Killed; any other status as Finished (counted as an
/// adjustment).</para>
/// </remarks>
public sealed class Alibaba2018Reader : ITraceReader
{
    internal const string MachineMeta = "machine_meta", BatchTask = "batch_task";

    internal static readonly string[] MachineFields =
        ["machine_id", "time_stamp", "failure_domain_1", "failure_domain_2", "cpu_num", "mem_size", "status"];

    internal static readonly string[] TaskFields =
    [
        "task_name", "instance_num", "job_name", "task_type", "status", "start_time", "end_time", "plan_cpu",
        "plan_mem",
    ];

    // Times are seconds since the trace's start, at most TraceLimits.MaxSeconds (so microseconds fit an int64).
    private const long MaxSeconds = (long)TraceLimits.MaxSeconds;

    // cpu_num of one machine: the trace's machines have 96; 2^20 keeps capacities far from overflow.
    private const long MaxMachineCpus = 1 << 20;

    private readonly Alibaba2018Options _options;

    public Alibaba2018Reader(string path, Alibaba2018Options? options = null)
    {
        Path = path;
        _options = (options ?? new Alibaba2018Options()).Validated();
    }

    public TraceFormat Format => TraceFormat.Alibaba2018;
    public string Path { get; }

    public IEnumerable<MachineEvent> ReadMachines(TraceReport report)
    {
        var files = TraceTables.Of(TraceTables.Locate(Path, [MachineMeta, BatchTask]), MachineMeta);
        var rows = new List<(long Micros, string Id, Resources? Capacity, bool Using)>();
        var named = new HashSet<string>(StringComparer.Ordinal);
        report.SetScaling(Scaling);
        foreach (var file in files)
        {
            report.AddFile(file);
            report.CountTraceMachines(0);
            foreach (var row in DelimitedTraceFile.Rows(file, ',', MachineFields))
            {
                report.AddRow();
                rows.Add((row.Long(1, 0, MaxSeconds) * 1_000_000, row.Text(0), Capacity(row), row.Text(6) == "USING"));
                if (named.Add(row.Text(0))) report.CountTraceMachines();
            }
        }
        var clock = new TraceClock(_options.Trace);
        var roster = new MachineRoster(clock, report);
        // OrderBy is stable: rows at one time_stamp keep file order.
        foreach (var (micros, id, capacity, isUsing) in rows.OrderBy(r => r.Micros))
        {
            if (micros >= clock.ToMicros)
            {
                report.Skip(SkipReason.OutsideWindow);
                continue;
            }
            if (isUsing && capacity is null) report.Skip(SkipReason.MissingCapacity);
            else if (!isUsing && !roster.IsPresent(id)) report.Skip(SkipReason.MachineUnchanged);
            else
                foreach (var e in roster.Apply(micros, id, isUsing ? MachineChange.Add : MachineChange.Remove,
                             capacity ?? Resources.Empty))
                    yield return e;
        }
        foreach (var e in roster.Finish()) yield return e;
    }

    public IEnumerable<WorkloadJob> ReadJobs(TraceReport report)
    {
        var files = TraceTables.Of(TraceTables.Locate(Path, [MachineMeta, BatchTask]), BatchTask);
        var jobs = new Dictionary<string, List<BatchTaskRow>>(StringComparer.Ordinal);
        var jobOrder = new List<string>();
        var instancesOfJob = new Dictionary<string, long>(StringComparer.Ordinal);
        var named = new HashSet<string>(StringComparer.Ordinal);
        report.SetScaling(Scaling);
        foreach (var file in files)
        {
            report.AddFile(file);
            report.CountTraceJobs(0);
            report.CountTraceTasks(0);
            foreach (var row in DelimitedTraceFile.Rows(file, ',', TaskFields))
            {
                report.AddRow();
                var jobName = row.Text(2);
                if (named.Add(jobName)) report.CountTraceJobs();
                report.CountTraceTasks(Math.Max(0, row.Long(1, long.MinValue, TraceLimits.MaxTasksPerJob)));
                if (Usable(row, report) is not { } task) continue;
                if (!jobs.TryGetValue(jobName, out var list))
                {
                    jobs[jobName] = list = new List<BatchTaskRow>();
                    jobOrder.Add(jobName);
                }
                list.Add(task);
                long instances = instancesOfJob.GetValueOrDefault(jobName) + task.Instances;
                if (instances > TraceLimits.MaxTasksPerJob)
                    throw row.Error(1, $"a job of at most {TraceLimits.MaxTasksPerJob} task instances in all",
                        $"{instances} in job {jobName} by this row");
                instancesOfJob[jobName] = instances;
            }
        }
        var clock = new TraceClock(_options.Trace);
        var sampler = new JobSampler(_options.Trace.SampleFraction, _options.Trace.Seed);
        var usage = _options.Usage is { } u
            ? BatchInstanceUsage.Read(u.Path, Replayed(jobs, jobOrder, clock, sampler), MaxSeconds, report)
            : null;
        // Stable sort by submit: ties keep the order of the jobs' first rows.
        foreach (var name in jobOrder.OrderBy(n => jobs[n].Min(r => r.StartSeconds)))
        {
            var rows = jobs[name];
            long submitMicros = rows.Min(r => r.StartSeconds) * 1_000_000;
            if (!clock.InWindow(submitMicros))
            {
                report.Skip(SkipReason.OutsideWindow);
                continue;
            }
            if (!sampler.Keeps(name))
            {
                report.Skip(SkipReason.SampledOut);
                continue;
            }
            var submit = clock.ToReplay(submitMicros);
            var fractions = usage is null ? null : rows.Select(r => UsageFraction.Of(
                usage.GetValueOrDefault((name, r.TaskName)), r.PlanCpu, r.PlanMem, _options.Usage!.Ratio)).ToArray();
            if (fractions != null) rows = rows.Select((r, i) => r with { Usage = fractions[i].Value }).ToList();
            var tasks = BatchJobDag.Expand(rows, submit, clock, report);
            if (tasks is null)
            {
                report.Skip(SkipReason.CyclicDependencies);
                continue;
            }
            if (fractions != null)
                for (int i = 0; i < rows.Count; i++) report.CountUsage(fractions[i], rows[i].Instances);
            report.AddJob();
            report.AddArrival(tasks.Length);
            yield return new WorkloadJob(name, submit, tasks);
        }
    }

    /// <summary>The (job_name, task_name) of every row of the jobs a replay emits (in the window, sampled),
    /// so that usage is kept only for them; a job with a cyclic DAG is among them and simply unused.</summary>
    private static HashSet<(string, string)> Replayed(Dictionary<string, List<BatchTaskRow>> jobs, List<string> order,
        TraceClock clock, JobSampler sampler)
    {
        var keys = new HashSet<(string, string)>();
        foreach (var name in order)
        {
            var rows = jobs[name];
            if (!clock.InWindow(rows.Min(r => r.StartSeconds) * 1_000_000) || !sampler.Keeps(name)) continue;
            foreach (var row in rows) keys.Add((name, row.TaskName));
        }
        return keys;
    }

    private string Scaling =>
        $"normalised memory (100 = a whole machine) scaled to a machine of {_options.MachineMemoryMb.ToString(System.Globalization.CultureInfo.InvariantCulture)} MB (trace option 'machineMemory'); plan_cpu 100 = 1 cpu";

    private BatchTaskRow? Usable(TraceRecord row, TraceReport report)
    {
        // Every field is parsed before any rule applies, so a malformed value is an error in any row.
        var taskName = row.Text(0);
        long instances = row.Long(1, long.MinValue, TraceLimits.MaxTasksPerJob);
        long? start = row.LongOrNull(5, long.MinValue, MaxSeconds), end = row.LongOrNull(6, long.MinValue, MaxSeconds);
        double? cpu = row.DoubleOrNull(7, double.MinValue, 100.0 * MaxMachineCpus), mem = row.DoubleOrNull(8);
        SkipReason? reason =
            instances <= 0 ? SkipReason.NoInstances
            : start is null or < 0 || end is null or 0 ? SkipReason.MissingTime
            : end < start ? SkipReason.EndBeforeStart
            : cpu is null or < 0 || mem is null or < 0 or > 100 ? SkipReason.InvalidValue
            : cpu == 0 && mem == 0 ? SkipReason.ZeroRequest
            : null;
        if (reason is { } r)
        {
            report.Skip(r);
            return null;
        }
        var request = Resources.Of(cpus: cpu!.Value / 100, mem: mem!.Value / 100 * _options.MachineMemoryMb);
        return new BatchTaskRow(taskName, checked((int)instances), start!.Value, end!.Value, request,
            Outcome(row.Text(4), report), cpu.Value, mem.Value);
    }

    private static TaskOutcome Outcome(string status, TraceReport report)
    {
        switch (status)
        {
            case "Terminated": return TaskOutcome.Finished;
            case "Failed": return TaskOutcome.Failed;
            case "Cancelled" or "Interrupted": return TaskOutcome.Killed;
            default:
                report.Adjust($"task status '{status}' replayed as Finished");
                return TaskOutcome.Finished;
        }
    }

    /// <summary>The machine's capacity, or null when cpu_num or mem_size is missing or invalid (-1, 101).</summary>
    private Resources? Capacity(TraceRecord row)
    {
        long? cpus = row.LongOrNull(4, long.MinValue, MaxMachineCpus);
        double? mem = row.DoubleOrNull(5);
        if (cpus is null or <= 0 || mem is null or <= 0 or > 100) return null;
        return Resources.Of(cpus: cpus.Value, mem: mem.Value / 100 * _options.MachineMemoryMb);
    }
}
