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

    /// <summary>What was left out, by reason, in the order of <see cref="SkipReason"/>.</summary>
    public IReadOnlyDictionary<SkipReason, long> Skipped => _skipped;

    /// <summary>
    /// Changes made to emitted items that a user should know of (a dependency on a task the trace lacks
    /// dropped, a running task resubmitted), by description, in ordinal order.
    /// </summary>
    public IReadOnlyDictionary<string, long> Adjusted => _adjusted;

    public long SkippedTotal => _skipped.Values.Sum();

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
