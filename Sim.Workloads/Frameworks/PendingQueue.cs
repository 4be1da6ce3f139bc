namespace ClusterSim.Workloads.Frameworks;

/// <summary>
/// Tasks waiting to launch, oldest first, as an intrusive doubly linked list: a scheduler that skips a task
/// too big for an offer and takes a later one removes it in O(1), with no allocation per task. An entry is a
/// task, or a job whose tasks not launched yet wait as a count (<see cref="QueuedWork"/>): its tasks are
/// taken first to last, each made as it is taken.
/// </summary>
public sealed class PendingQueue
{
    private QueuedWork? _head, _tail;
    private bool _anyEnqueued;

    /// <summary>Tasks waiting (a deferred job counts its tasks not launched yet).</summary>
    public int Count { get; private set; }
    public QueuedWork? First => _head;

    /// <summary>
    /// In every resource, the least any task ever queued here asked for: a lower bound of what each queued task
    /// asks for, so an offer left with less than this in some resource fits none of them and the scan can stop.
    /// Never raised when tasks leave (that would cost a pass over the queue); only a lower bound is needed.
    /// </summary>
    public Core.Resources.Resources Floor { get; private set; }

    public static QueuedWork? NextOf(QueuedWork work) => work.Next;

    public void Enqueue(TrackedTask task)
    {
        if (task.Queued) throw new InvalidOperationException($"task {task.Id} is already queued");
        Link(task, task.Request);
        Count++;
    }

    /// <summary>Queues the tasks a deferred job has not launched yet, as one entry.</summary>
    internal void EnqueueDeferred(TrackedJob job)
    {
        if (job.Queued) throw new InvalidOperationException($"job {job.Id} is already queued");
        Link(job, job.DeferredRequest);
        Count += job.DeferredCount;
    }

    private void Link(QueuedWork work, Core.Resources.Resources request)
    {
        work.Queue = this;
        Floor = _anyEnqueued ? Floor.Min(request) : request;
        _anyEnqueued = true;
        work.Previous = _tail;
        work.Next = null;
        if (_tail != null) _tail.Next = work;
        else _head = work;
        _tail = work;
    }

    public void Remove(TrackedTask task)
    {
        if (!task.Queued) return;
        Unlink(task);
        Count--;
    }

    /// <summary>The tasks queued alone (made already: launched before and queued again), in order.</summary>
    internal IEnumerable<TrackedTask> MadeTasks()
    {
        for (var w = _head; w != null; w = w.Next)
            if (w is TrackedTask task) yield return task;
    }

    /// <summary>Takes the first task of a queued deferred job (made now); the job leaves with its last.</summary>
    internal TrackedTask TakeDeferred(TrackedJob job)
    {
        var task = job.TakeDeferred();
        Count--;
        if (job.DeferredCount == 0) Unlink(job);
        return task;
    }

    private void Unlink(QueuedWork work)
    {
        if (work.Previous != null) work.Previous.Next = work.Next;
        else _head = work.Next;
        if (work.Next != null) work.Next.Previous = work.Previous;
        else _tail = work.Previous;
        work.Next = work.Previous = null;
        work.Queue = null;
    }

    /// <summary>The waiting tasks in order; a deferred job's are made new on each call (for tests and
    /// outputs, not the offer path).</summary>
    public IEnumerable<TrackedTask> Items()
    {
        for (var w = _head; w != null; w = w.Next)
        {
            if (w is TrackedTask task) yield return task;
            else
            {
                var job = (TrackedJob)w;
                for (int i = job.DeferredFrom; i < job.TaskCount; i++) yield return job.Make(i);
            }
        }
    }
}
