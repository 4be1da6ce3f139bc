using ClusterSim.Core.Ids;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Model;

namespace ClusterSim.Workloads.Frameworks;

/// <summary>A job as its framework follows it: its tasks and what has become of them.</summary>
/// <remarks>
/// A job may defer its tasks (<see cref="Defer"/>): those not launched yet are then a count from
/// <see cref="DeferredFrom"/> on, queued as one entry, and each is made when it launches, or when
/// <see cref="Tasks"/> is read.
/// </remarks>
public sealed class TrackedJob : QueuedWork
{
    private readonly TrackedTask[] _tasks;
    // Whether every task has been made (false only while a deferred job has tasks not made yet).
    private bool _complete = true;

    internal TrackedJob(WorkloadJob source, string id)
    {
        Source = source;
        Id = id;
        Submit = source.Submit;
        _tasks = new TrackedTask[source.Tasks.Count];
        DeferredFrom = _tasks.Length;
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

    /// <summary>Every task of the job; reading it makes the tasks a deferred job has not made yet (for outputs
    /// and for schedulers that look at whole jobs, not for the offer path).</summary>
    public TrackedTask[] Tasks
    {
        get
        {
            if (!_complete)
            {
                for (int i = 0; i < _tasks.Length; i++) TaskAt(i);
                _complete = true;
            }
            return _tasks;
        }
    }

    /// <summary>How many tasks the job has, made or not.</summary>
    public int TaskCount => _tasks.Length;

    public Time? FirstStart { get; internal set; }
    public Time? End { get; internal set; }
    public int Finished { get; internal set; }
    public int Failed { get; internal set; }

    /// <summary>Tasks that ended for good (finished, failed past retries, killed, or never runnable).</summary>
    public int Ended { get; internal set; }

    public bool IsDone => Ended == _tasks.Length;

    /// <summary>FINISHED when every task finished, FAILED when all ended but some did not finish, RUNNING
    /// once one started, else PENDING.</summary>
    public string State => IsDone ? (Failed == 0 && Finished == _tasks.Length ? "FINISHED" : "FAILED")
        : FirstStart != null ? "RUNNING" : "PENDING";

    /// <summary>DAG barriers: tasks sharing one parent list wait on one counter.</summary>
    internal Dictionary<IReadOnlyList<int>, DagBarrier>? Barriers { get; set; }

    /// <summary>For each task index, the barriers its finishing counts down.</summary>
    internal List<DagBarrier>[]? ParentOf { get; set; }

    /// <summary>The task at <paramref name="index"/>, made now if it was not (its id is the job's and its index).</summary>
    internal TrackedTask TaskAt(int index) =>
        _tasks[index] ??= new TrackedTask(this, Source.Tasks[index], new TaskId($"{Id}/{index}"));

    /// <summary>Makes every task now (what a job that does not defer its tasks does on arrival).</summary>
    internal void MakeTasks()
    {
        for (int i = 0; i < _tasks.Length; i++) TaskAt(i);
    }

    /// <summary>The first of the tasks not launched yet of a deferred job (<see cref="TaskCount"/> when none).</summary>
    internal int DeferredFrom { get; private set; }

    internal int DeferredCount => _tasks.Length - DeferredFrom;

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

    /// <summary>Keeps the tasks as a count until they launch (<see cref="CanDefer"/> must hold).</summary>
    internal void Defer()
    {
        DeferredRequest = Source.Tasks is UniformTasks uniform ? uniform.Request : Source.Tasks[0].Request;
        DeferredFrom = 0;
        _complete = false;
    }

    /// <summary>The next deferred task, made now: it leaves the count to launch.</summary>
    internal TrackedTask TakeDeferred() => TaskAt(DeferredFrom++);
}
