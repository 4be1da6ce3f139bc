using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Model;

namespace ClusterSim.Workloads.Frameworks;

/// <summary>A task as its framework follows it, from submission to the end of the run.</summary>
/// <remarks>
/// A run holds one of these for every task of every job that has arrived and not ended, and on a loaded
/// cluster most of them wait in queues for hours (at 100,000 agents, millions at once), so the fields are
/// packed: times are microseconds with a sentinel for "none" instead of 16-byte nullables, the state is a
/// byte, the submit time is the job's, and the id's text is made on first use (most waiting tasks are never
/// asked for it before they launch). 112 bytes instead of 136, and no id string while waiting.
/// </remarks>
public sealed class TrackedTask
{
    private const long NoTime = long.MinValue;
    private const byte NoState = byte.MaxValue;

    private TaskId _id;
    private long _start = NoTime, _end = NoTime;
    private readonly int _index;
    private byte _state = NoState;

    internal TrackedTask(TrackedJob job, WorkloadTask spec, TaskId id)
    {
        Job = job;
        Spec = spec;
        _id = id;
    }

    /// <summary>The <paramref name="index"/>-th task of <paramref name="job"/>: its id is
    /// "<c>job id</c>/<c>index</c>", made when first asked for.</summary>
    internal TrackedTask(TrackedJob job, WorkloadTask spec, int index)
    {
        Job = job;
        Spec = spec;
        _index = index;
    }

    public TrackedJob Job { get; }
    public WorkloadTask Spec { get; }

    public TaskId Id => _id.Value != null ? _id : _id = new TaskId(string.Concat(Job.Id, "/", _index.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public Time Submit => Job.Submit;

    /// <summary>Null while pending (never launched, or waiting to be launched again).</summary>
    public TaskState? State
    {
        get => _state == NoState ? null : (TaskState)_state;
        internal set => _state = value is { } s ? (byte)s : NoState;
    }

    public Time? Start
    {
        get => _start == NoTime ? null : new Time(_start);
        internal set => _start = value?.Micros ?? NoTime;
    }

    public Time? End
    {
        get => _end == NoTime ? null : new Time(_end);
        internal set => _end = value?.Micros ?? NoTime;
    }

    public string? Agent { get; internal set; }

    /// <summary>The role of the offer its current (or last) attempt was launched on (null: not launched, or
    /// placed without an offer); a MULTI_ROLE framework's tasks are accounted in it.</summary>
    public string? Role { get; internal set; }
    public int Attempts { get; internal set; }

    /// <summary>Ended for good: it will not run again.</summary>
    public bool IsFinal { get; internal set; }

    /// <summary>Waiting for DAG parents to finish.</summary>
    internal bool Blocked { get; set; }

    // Links of the framework's pending queue: O(1) removal from the middle when a later task fits.
    internal TrackedTask? Next { get; set; }
    internal TrackedTask? Previous { get; set; }

    /// <summary>The pending queue holding the task, so a scheduler outside the framework can take it out.</summary>
    internal PendingQueue? Queue { get; set; }

    internal bool Queued => Queue != null;

    /// <summary>The state written to outputs: PENDING until launched.</summary>
    public string StateName => State?.Name() ?? "PENDING";
}
