namespace ClusterSim.Workloads.Traces;

/// <summary>
/// What a reader read and what it left out, filled in while its enumerations run. One report may be
/// shared by the job and machine enumerations of one reader.
/// </summary>
public sealed class TraceReport
{
    private readonly SortedDictionary<SkipReason, long> _skipped = new();
    private readonly SortedDictionary<string, long> _adjusted = new(StringComparer.Ordinal);
    private readonly List<string> _files = new();

    /// <summary>The files read, in the order they were opened.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <summary>Data rows read (comment and header lines excluded), over all files.</summary>
    public long Rows { get; private set; }

    /// <summary>Job arrivals emitted (<see cref="Model.WorkloadJob"/> items).</summary>
    public long Arrivals { get; private set; }

    /// <summary>Distinct trace jobs emitted (a Google job arriving in several batches counts once).</summary>
    public long Jobs { get; private set; }

    /// <summary>Task instances (attempts) emitted.</summary>
    public long Tasks { get; private set; }

    /// <summary>Distinct machines that joined the cluster.</summary>
    public long Machines { get; private set; }

    /// <summary>Machine events emitted.</summary>
    public long MachineEvents { get; private set; }

    /// <summary>
    /// Jobs the trace itself holds, by its format's own definition, before any rule of the replay (window
    /// rows aside: a reader stops at the window's end); null when the trace does not say (no job table read).
    /// SWF, SWIM: job lines; Google: distinct jobs of the task_events rows; Alibaba: distinct job names of batch_task.
    /// </summary>
    public long? TraceJobs { get; private set; }

    /// <summary>
    /// Tasks the trace holds, likewise; null when the format has no tasks (SWIM). SWF: processors of each job
    /// (allocated, else requested); Google: task attempts (each SUBMIT, and each task whose first row read is
    /// not a SUBMIT, as it was submitted before); Alibaba: instances (instance_num).
    /// </summary>
    public long? TraceTasks { get; private set; }

    /// <summary>
    /// Machines the trace names (distinct machine ids; SWF: the header's MaxNodes); null when it names none
    /// (SWIM, a Google or Alibaba path without a machine table, an SWF header without MaxNodes).
    /// </summary>
    public long? TraceMachines { get; private set; }

    /// <summary>
    /// How the reader turned the trace's units into simulated quantities, with the size it used (normalised
    /// requests scaled to a machine size, SWF processors, SWIM's task model); null when nothing needed it.
    /// </summary>
    public string? Scaling { get; private set; }

    /// <summary>What was left out, by reason, in the order of <see cref="SkipReason"/>.</summary>
    public IReadOnlyDictionary<SkipReason, long> Skipped => _skipped;

    /// <summary>
    /// Changes made to emitted items that a user should know of (a dependency on a task the trace lacks
    /// dropped, a running task resubmitted), by description, in ordinal order.
    /// </summary>
    public IReadOnlyDictionary<string, long> Adjusted => _adjusted;

    public long SkippedTotal => _skipped.Values.Sum();

    /// <summary>
    /// Emitted tasks whose usage fraction came from the trace's usage table; null when no usage table was
    /// configured (<see cref="TraceUsageOptions"/>).
    /// </summary>
    public long? TasksWithUsage { get; private set; }

    /// <summary>Emitted tasks the usage table says nothing of (no usable rows, or a request of 0): they use
    /// their framework's <c>usage:</c> distribution, or 1.0 without one. Null without a usage table.</summary>
    public long? TasksWithoutUsage { get; private set; }

    /// <summary>Tasks among <see cref="TasksWithUsage"/> that used more than they requested, their fraction clamped to 1.</summary>
    public long UsageClamped { get; private set; }

    /// <summary>
    /// Google: tasks among <see cref="TasksWithUsage"/> whose attempt has no usage row of its own (none on its
    /// machine while it ran) and that took their task's mean over all its rows instead (the first fall-back;
    /// the second is <see cref="TasksWithoutUsage"/>). Null for formats whose usage is per task (Alibaba) or
    /// without a usage table.
    /// </summary>
    public long? UsageFromTaskMean { get; private set; }

    /// <summary>Marks the usage counts as known (a usage table is read).</summary>
    internal void ExpectUsage()
    {
        TasksWithUsage ??= 0;
        TasksWithoutUsage ??= 0;
    }

    /// <summary>Marks <see cref="UsageFromTaskMean"/> as known (usage is joined per attempt).</summary>
    internal void ExpectAttemptUsage() => UsageFromTaskMean ??= 0;

    /// <summary>Counts <paramref name="tasks"/> emitted tasks with <paramref name="fraction"/>; with
    /// <paramref name="fromTaskMean"/>, as having fallen back to their task's mean.</summary>
    internal void CountUsage(UsageFraction fraction, long tasks = 1, bool fromTaskMean = false)
    {
        ExpectUsage();
        if (fraction.Value is null) TasksWithoutUsage += tasks;
        else TasksWithUsage += tasks;
        if (fraction.Clamped) UsageClamped += tasks;
        if (fromTaskMean) UsageFromTaskMean = (UsageFromTaskMean ?? 0) + tasks;
    }

    internal void AddFile(string path) => _files.Add(path);
    internal void AddRow() => Rows++;
    internal void AddArrival(int tasks)
    {
        Arrivals++;
        Tasks += tasks;
    }
    internal void AddJob() => Jobs++;
    internal void AddMachine() => Machines++;
    internal void AddMachineEvent() => MachineEvents++;

    /// <summary>Counts jobs the trace holds; a count of 0 marks the number as known.</summary>
    internal void CountTraceJobs(long count = 1) => TraceJobs = Add(TraceJobs, count);
    internal void CountTraceTasks(long count = 1) => TraceTasks = Add(TraceTasks, count);
    internal void CountTraceMachines(long count = 1) => TraceMachines = Add(TraceMachines, count);

    // Saturates rather than wraps: a damaged trace's counts may be absurd, never negative.
    private static long Add(long? total, long count) =>
        (total ?? 0) > long.MaxValue - count ? long.MaxValue : (total ?? 0) + count;
    internal void SetScaling(string scaling) => Scaling = scaling;

    internal void Skip(SkipReason reason, long count = 1)
    {
        if (count == 0) return;
        _skipped[reason] = _skipped.GetValueOrDefault(reason) + count;
    }

    internal void Adjust(string what, long count = 1)
    {
        if (count == 0) return;
        _adjusted[what] = _adjusted.GetValueOrDefault(what) + count;
    }

    public long SkippedFor(SkipReason reason) => _skipped.GetValueOrDefault(reason);
}
