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
/// byte, the submit time is the job's: 104 bytes instead of 136 (112 since a synthetic job's task keeps its
/// index instead of a 104-byte workload record of its own, which each launch of such a task made). The id's
/// text is made with the task, not on first use: made at launch, a young string held by an old task made every
/// young collection scan the task's card, which cost more (gen0 pauses 40% longer on scale-10k) than the bytes
/// saved. A batch job's tasks that wait in a queue are not made at all until they launch
/// (<see cref="QueuedWork"/>), so a task and its id are made together.
/// </remarks>
public sealed class TrackedTask : QueuedWork
{
    private const long NoTime = long.MinValue;
    private const byte NoState = byte.MaxValue;

    private const int OwnRecord = -1;

    private long _start = NoTime, _end = NoTime;
    private byte _state = NoState;

    // The task's own workload record (_index is OwnRecord), or the shape its uniform job's tasks share and the
    // task's index in the job: a synthetic job's task then makes no record of its own (see the remarks).
    private readonly WorkloadTask _spec;
    private readonly int _index;

    internal TrackedTask(TrackedJob job, WorkloadTask spec, TaskId id)
    {
        Job = job;
        _spec = spec;
        _index = OwnRecord;
        Id = id;
    }

    /// <summary>The task at <paramref name="index"/> of a job of <see cref="UniformTasks"/>.</summary>
    internal TrackedTask(TrackedJob job, UniformTasks tasks, int index, TaskId id)
    {
        Job = job;
        _spec = tasks.Shape;
        _index = index;
        Id = id;
    }

    public TrackedJob Job { get; }

    /// <summary>What the workload says of the task. For a task of a uniform job (a synthetic job's) the record is
    /// made when read: the framework's own paths read <see cref="Request"/>, <see cref="Duration"/>,
    /// <see cref="EndsAs"/>, <see cref="Index"/> and <see cref="Parents"/> instead.</summary>
    public WorkloadTask Spec => _index == OwnRecord ? _spec : Uniform[_index];

    /// <summary>What it asks for (the <see cref="Spec"/>'s, without making it).</summary>
    public Core.Resources.Resources Request => _spec.Request;

    /// <summary>How long it runs once launched (the <see cref="Spec"/>'s, without making it).</summary>
    public Duration Duration => _index == OwnRecord ? _spec.Duration : Uniform.DurationOf(_index);

    // The tasks of its job, when it is one of a uniform job's (_index is not OwnRecord).
    private UniformTasks Uniform => (UniformTasks)Job.Source.Tasks;

    /// <summary>How the workload ends it (the <see cref="Spec"/>'s, without making it).</summary>
    public TaskOutcome EndsAs => _spec.EndsAs;

    /// <summary>Its position in its job (the <see cref="Spec"/>'s, without making it).</summary>
    public int Index => _index == OwnRecord ? _spec.Index : _index;

    /// <summary>The tasks of its job it waits for (the <see cref="Spec"/>'s, without making it).</summary>
    public IReadOnlyList<int> Parents => _spec.Parents;

    public TaskId Id { get; }

    /// <summary>Its place among its framework's live tasks while it is live (see <see cref="LiveTrackedTasks"/>); -1 otherwise.</summary>
    internal int LiveSlot { get; set; } = -1;

    /// <summary>Launched and not ended: its place among its framework's live tasks says so (a task is tracked by
    /// its own framework only, whose table alone sets the place). Not a read of the table: that would be a cache
    /// miss of its own on every update.</summary>
    internal bool IsLive => LiveSlot >= 0;

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

    /// <summary>The state written to outputs: PENDING until launched.</summary>
    public string StateName => State?.Name() ?? "PENDING";
}
