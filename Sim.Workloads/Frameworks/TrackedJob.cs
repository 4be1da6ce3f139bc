using ClusterSim.Core.Ids;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Model;

namespace ClusterSim.Workloads.Frameworks;

/// <summary>A job as its framework follows it: its tasks and what has become of them.</summary>
/// <remarks>
/// A job may defer its tasks (<see cref="Defer"/>): those not launched yet are then a count from
/// <see cref="DeferredFrom"/> on, queued as one entry, and each is made when it launches. Such a job keeps no
/// reference to its tasks: a launched task is held by its framework while it is live or queued again, and
/// its row is written when it ends. Storing each new task in the job's array, which is old by the time its
/// tasks launch, made every young collection scan that array's cards (scale-100k: GC pauses 27 s to 35 s);
/// and a job of hundreds of tasks that runs for hours would hold the done ones until its last ends.
/// </remarks>
public sealed class TrackedJob : QueuedWork
{
    // Every task, for a job that keeps its tasks; null for a deferred job.
    private TrackedTask[]? _tasks;

    internal TrackedJob(WorkloadJob source, string id)
    {
        Source = source;
        Id = id;
        Submit = source.Submit;
        TaskCount = source.Tasks.Count;
        _tasks = new TrackedTask[TaskCount];
        DeferredFrom = TaskCount;
    }

    public WorkloadJob Source { get; }

    /// <summary>Arrival order within the framework.</summary>
    internal long Sequence { get; set; }

    /// <summary>Unique within the framework (a trace job that arrives in parts gets one id per part).</summary>
    public string Id { get; }

    public Time Submit { get; }

    /// <summary>The role its work must run in, when its framework's workload names one per role (null: any
    /// of the framework's roles).</summary>
    public string? Role { get; internal set; }

    /// <summary>Every task of the job, for a job that keeps its tasks (all but a batch framework's jobs queued
    /// whole, see <see cref="Defers"/>: for those use <see cref="TaskCount"/> and
    /// <see cref="FrameworkScheduler.UnfinishedTasks"/>).</summary>
    public TrackedTask[] Tasks => _tasks ??
        throw new InvalidOperationException($"job {Id} waits as one entry and keeps no tasks: read TaskCount, or the framework's UnfinishedTasks()");

    /// <summary>How many tasks the job has, made or not.</summary>
    public int TaskCount { get; }

    /// <summary>Whether the job keeps no tasks: they are made as they launch (<see cref="Defer"/>).</summary>
    public bool Defers => _tasks == null;

    public Time? FirstStart { get; internal set; }
    public Time? End { get; internal set; }
    public int Finished { get; internal set; }
    public int Failed { get; internal set; }

    /// <summary>Tasks that ended for good (finished, failed past retries, killed, or never runnable).</summary>
    public int Ended { get; internal set; }

    public bool IsDone => Ended == TaskCount;

    /// <summary>FINISHED when every task finished, FAILED when all ended but some did not finish, RUNNING
    /// once one started, else PENDING.</summary>
    public string State => IsDone ? (Failed == 0 && Finished == TaskCount ? "FINISHED" : "FAILED")
        : FirstStart != null ? "RUNNING" : "PENDING";

    /// <summary>DAG barriers: tasks sharing one parent list wait on one counter.</summary>
    internal Dictionary<IReadOnlyList<int>, DagBarrier>? Barriers { get; set; }

    /// <summary>For each task index, the barriers its finishing counts down.</summary>
    internal List<DagBarrier>[]? ParentOf { get; set; }

    /// <summary>A new task for <paramref name="index"/> (its id is the job's and its index).</summary>
    internal TrackedTask Make(int index)
    {
        var id = new TaskId($"{Id}/{index}");
        return Source.Tasks is UniformTasks uniform ? new(this, uniform, index, id) : new(this, Source.Tasks[index], id);
    }

    /// <summary>Makes every task now (what a job that keeps its tasks does on arrival).</summary>
    internal void MakeTasks()
    {
        for (int i = 0; i < TaskCount; i++) _tasks![i] ??= Make(i);
    }

    /// <summary>The first of the tasks not launched yet of a deferred job (<see cref="TaskCount"/> when none).</summary>
    internal int DeferredFrom { get; private set; }

    internal int DeferredCount => TaskCount - DeferredFrom;

    /// <summary>What each deferred task asks for (they all ask for the same).</summary>
    internal Core.Resources.Resources DeferredRequest { get; private set; }

    /// <summary>
    /// Whether a job's tasks may wait as a count: there is at least one, they all ask for the same, and none
    /// waits for parents, so one queue entry answers for all of them in order.
    /// </summary>
    internal static bool CanDefer(WorkloadJob source)
    {
        var tasks = source.Tasks;
        if (tasks.Count == 0) return false;
        if (tasks is UniformTasks) return true;
        var first = tasks[0];
        if (first.Parents.Count > 0) return false;
        for (int i = 1; i < tasks.Count; i++)
            if (tasks[i].Parents.Count > 0 || tasks[i].Request != first.Request) return false;
        return true;
    }

    /// <summary>Keeps the tasks as a count until they launch, and no reference to them after
    /// (<see cref="CanDefer"/> must hold).</summary>
    internal void Defer()
    {
        DeferredRequest = Source.Tasks is UniformTasks uniform ? uniform.Request : Source.Tasks[0].Request;
        DeferredFrom = 0;
        _tasks = null;
    }

    /// <summary>The next deferred task, made now: it leaves the count to launch.</summary>
    internal TrackedTask TakeDeferred() => Make(DeferredFrom++);
}
