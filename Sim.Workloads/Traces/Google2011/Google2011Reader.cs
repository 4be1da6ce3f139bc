using System.Globalization;
using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Model;

namespace ClusterSim.Workloads.Traces.Google2011;

/// <summary>
/// Reads the Google cluster trace 2011 (clusterdata-2011-2): task_events as the workload, job_events for job
/// names, machine_events as the cluster, and with <see cref="Google2011Options.Usage"/> task_usage for each
/// task attempt's usage fraction (<see cref="GoogleTaskUsage"/>). The path is one part file, a folder laid out as the published
/// bucket (<c>task_events/part-00000-of-00500.csv.gz</c>, ...) or a folder holding files named like
/// <c>google2011_task_events_part-00001-of-00500.csv.gz</c> (see <see cref="TraceTables"/>).
/// </summary>
/// <remarks>
/// <para>Rows stream through CsvHelper one at a time; times are int64 microseconds of the trace's clock
/// (0 = before the window, 2^63-1 = after it), requests floats normalised to the largest machine and scaled
/// by <see cref="Google2011Options.MachineSize"/>, ids int64, empty cells common (they keep the attempt's
/// previous value, or 0 for a request).</para>
/// <para>Each task attempt is one <see cref="WorkloadTask"/> (its <see cref="WorkloadTask.Attempt"/> counts
/// resubmissions), submitted at its SUBMIT and running from its SCHEDULE to the event that ends it (see
/// <see cref="GoogleAttemptTracker"/> for the transitions and <see cref="OpenTaskRule"/> for attempts the
/// window cuts). Attempts of one job submitted at the same instant form one <see cref="WorkloadJob"/>
/// arrival. The reader keeps one compact record per attempt of the window before it emits: an attempt
/// running since before the window is only recognised at its first row, which may come at the window's
/// end, yet it must arrive at the window start; arrivals are then emitted in (submit, first-seen) order.</para>
/// <para>Attempts are skipped, in this order, when they ended before the window
/// (<see cref="SkipReason.OutsideWindow"/>), were open at its start under <see cref="OpenTaskRule.Drop"/>,
/// have a priority outside [<see cref="Google2011Options.MinPriority"/>, <see cref="Google2011Options.MaxPriority"/>]
/// (<see cref="SkipReason.PriorityFiltered"/>; an attempt whose rows leave the priority empty is kept),
/// belong to a job not sampled (<see cref="SkipReason.SampledOut"/>), or ask for neither CPU nor memory (<see cref="SkipReason.ZeroRequest"/>).</para>
/// </remarks>
public sealed class Google2011Reader : ITraceReader
{
    internal const string TaskEvents = "task_events", JobEvents = "job_events", MachineEvents = "machine_events";

    internal static readonly string[] TaskFields =
    [
        "time", "missing info", "job ID", "task index", "machine ID", "event type", "user", "scheduling class",
        "priority", "CPU request", "memory request", "disk space request", "different-machines restriction",
    ];

    internal static readonly string[] JobFields =
        ["time", "missing info", "job ID", "event type", "user", "scheduling class", "job name", "logical job name"];

    internal static readonly string[] MachineFields = ["time", "machine ID", "event type", "platform ID", "CPUs", "memory"];

    private static readonly string[] Tables = [TaskEvents, JobEvents, MachineEvents];

    private readonly Google2011Options _options;

    public Google2011Reader(string path, Google2011Options? options = null)
    {
        Path = path;
        _options = (options ?? new Google2011Options()).Validated();
    }

    public TraceFormat Format => TraceFormat.Google2011;
    public string Path { get; }

    public IEnumerable<WorkloadJob> ReadJobs(TraceReport report)
    {
        var tables = TraceTables.Locate(Path, Tables);
        var names = JobNames(TraceTables.Of(tables, JobEvents), report);
        var clock = new TraceClock(_options.Trace);
        var tracker = new GoogleAttemptTracker(_options, clock, report);
        bool windowEnded = false;
        report.SetScaling(Scaling);
        foreach (var file in TraceTables.Of(tables, TaskEvents))
        {
            report.CountTraceJobs(0);
            report.CountTraceTasks(0);
            report.AddFile(file);
            foreach (var row in DelimitedTraceFile.Rows(file, ',', TaskFields))
            {
                report.AddRow();
                if (tracker.Apply(row)) continue;
                windowEnded = true;
                break;
            }
            if (windowEnded) break;
        }
        tracker.Finish(windowEnded ? clock.ToMicros : tracker.LastTime);
        var usage = _options.Usage is { } u ? GoogleTaskUsage.Read(u.Path, tracker.Closed, report) : null;
        foreach (var arrival in Arrivals(tracker.Closed, names, usage, clock, report)) yield return arrival;
    }

    public IEnumerable<MachineEvent> ReadMachines(TraceReport report)
    {
        var clock = new TraceClock(_options.Trace);
        var roster = new MachineRoster(clock, report);
        var size = _options.MachineSize;
        var named = new HashSet<long>();
        report.SetScaling(Scaling);
        foreach (var file in TraceTables.Of(TraceTables.Locate(Path, Tables), MachineEvents))
        {
            report.AddFile(file);
            report.CountTraceMachines(0);
            foreach (var row in DelimitedTraceFile.Rows(file, ',', MachineFields))
            {
                report.AddRow();
                // Every field is checked whatever the event and the window (a REMOVE row's capacity too);
                // capacities are normalised to the largest machine, 0 to 1.
                long t = row.Long(0);
                long machine = row.Long(1);
                if (named.Add(machine)) report.CountTraceMachines();
                var id = machine.ToString(CultureInfo.InvariantCulture);
                long type = row.Long(2);
                MachineChange kind = type switch
                {
                    0 => MachineChange.Add,
                    1 => MachineChange.Remove,
                    2 => MachineChange.Update,
                    _ => throw row.Error(2, "a 2011 machine event type 0 (ADD), 1 (REMOVE) or 2 (UPDATE)", $"{type}"),
                };
                double? cpus = row.DoubleOrNull(4, 0, 1), mem = row.DoubleOrNull(5, 0, 1);
                if (t == long.MaxValue)
                {
                    report.Skip(SkipReason.AfterWindow);
                    continue;
                }
                if (t >= clock.ToMicros) yield break;
                var capacity = Resources.Empty;
                if (kind != MachineChange.Remove)
                {
                    if (cpus is null or <= 0 || mem is null or <= 0)
                    {
                        report.Skip(SkipReason.MissingCapacity);
                        continue;
                    }
                    // machine_events has no disk column: a machine gets the configured disk (normalised 1.0).
                    capacity = Resources.Of(cpus: cpus.Value * size.Cpus, mem: mem.Value * size.Mem, disk: size.Disk);
                }
                foreach (var e in roster.Apply(t, id, kind, capacity)) yield return e;
            }
        }
        foreach (var e in roster.Finish()) yield return e;
    }

    private string Scaling =>
        $"normalised requests and capacities (1.0 = the largest machine) scaled to a machine of {_options.MachineSize} (trace option 'machine')";

    /// <summary>Logical job names by job id, from job_events (small next to task_events: one row per job event).</summary>
    private static Dictionary<long, string> JobNames(IReadOnlyList<string> files, TraceReport report)
    {
        var names = new Dictionary<long, string>();
        foreach (var file in files)
        {
            report.AddFile(file);
            foreach (var row in DelimitedTraceFile.Rows(file, ',', JobFields))
            {
                report.AddRow();
                // Every field is checked, used or not (schema: event types 0-8, scheduling class 0-3).
                row.Long(0);
                row.LongOrNull(1);
                long job = row.Long(2);
                row.Long(3, 0, 8);
                row.LongOrNull(5, 0, 3);
                if (row.TextOrNull(7) is { } name) names.TryAdd(job, name);
            }
        }
        return names;
    }

    /// <summary>
    /// Groups the closed attempts into arrivals: sorted by (submit, creation order); within one submit instant,
    /// one arrival per job, in order of the job's first attempt there.
    /// </summary>
    private IEnumerable<WorkloadJob> Arrivals(IReadOnlyList<GoogleTaskAttempt> attempts, Dictionary<long, string> names,
        GoogleUsageJoin? usage, TraceClock clock, TraceReport report)
    {
        var sorted = attempts.OrderBy(a => a.SubmitMicros).ThenBy(a => a.Sequence).ToArray();
        var jobsSeen = new HashSet<long>();
        int start = 0;
        while (start < sorted.Length)
        {
            int end = start;
            while (end < sorted.Length && sorted[end].SubmitMicros == sorted[start].SubmitMicros) end++;
            var byJob = new Dictionary<long, List<GoogleTaskAttempt>>();
            var jobOrder = new List<long>();
            for (int i = start; i < end; i++)
            {
                if (!byJob.TryGetValue(sorted[i].JobId, out var list))
                {
                    byJob[sorted[i].JobId] = list = new List<GoogleTaskAttempt>();
                    jobOrder.Add(sorted[i].JobId);
                }
                list.Add(sorted[i]);
            }
            foreach (var job in jobOrder)
            {
                if (jobsSeen.Add(job)) report.AddJob();
                yield return Arrival(byJob[job], names.GetValueOrDefault(job), usage, clock, report);
            }
            start = end;
        }
    }

    private WorkloadJob Arrival(List<GoogleTaskAttempt> attempts, string? name,
        GoogleUsageJoin? usage, TraceClock clock, TraceReport report)
    {
        var submit = clock.ToReplay(attempts[0].SubmitMicros);
        var size = _options.MachineSize;
        var tasks = new WorkloadTask[attempts.Count];
        for (int i = 0; i < tasks.Length; i++)
        {
            var a = attempts[i];
            var request = Resources.Of(cpus: a.Cpu * size.Cpus, mem: a.Mem * size.Mem, disk: a.Disk * size.Disk);
            var duration = a.RunsForever
                ? Duration.Forever
                : clock.Scale(Duration.FromMicros(a.EndMicros - a.ScheduleMicros!.Value));
            double? fraction = usage?.FractionOf(a, _options.Usage!.Ratio, report).Value;
            tasks[i] = new WorkloadTask(i, a.TaskIndex.ToString(CultureInfo.InvariantCulture), request, duration,
                submit, a.Number, a.Outcome, WorkloadTask.NoParents)
            {
                Usage = fraction,
            };
        }
        report.AddArrival(tasks.Length);
        var first = attempts[0];
        return new WorkloadJob(first.JobId.ToString(CultureInfo.InvariantCulture), submit, tasks, first.User,
            first.Priority, first.SchedulingClass, name);
    }
}
