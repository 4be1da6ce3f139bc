namespace ClusterSim.Workloads.Frameworks;

/// <summary>
/// Tasks waiting to launch, oldest first, as an intrusive doubly linked list: a scheduler that skips a task
/// too big for an offer and takes a later one removes it in O(1), with no allocation per task.
/// </summary>
public sealed class PendingQueue
{
    private TrackedTask? _head, _tail;
    private bool _anyEnqueued;

    public int Count { get; private set; }
    public TrackedTask? First => _head;

    /// <summary>
    /// In every resource, the least any task ever queued here asked for: a lower bound of what each queued task
    /// asks for, so an offer left with less than this in some resource fits none of them and the scan can stop.
    /// Never raised when tasks leave (that would cost a pass over the queue); only a lower bound is needed.
    /// </summary>
    public Core.Resources.Resources Floor { get; private set; }

    public static TrackedTask? NextOf(TrackedTask task) => task.Next;

    public void Enqueue(TrackedTask task)
    {
        if (task.Queued) throw new InvalidOperationException($"task {task.Id} is already queued");
        task.Queue = this;
        Floor = _anyEnqueued ? Floor.Min(task.Spec.Request) : task.Spec.Request;
        _anyEnqueued = true;
        task.Previous = _tail;
        task.Next = null;
        if (_tail != null) _tail.Next = task;
        else _head = task;
        _tail = task;
        Count++;
    }

    public void Remove(TrackedTask task)
    {
        if (!task.Queued) return;
        if (task.Previous != null) task.Previous.Next = task.Next;
        else _head = task.Next;
        if (task.Next != null) task.Next.Previous = task.Previous;
        else _tail = task.Previous;
        task.Next = task.Previous = null;
        task.Queue = null;
        Count--;
    }

    public IEnumerable<TrackedTask> Items()
    {
        for (var t = _head; t != null; t = t.Next) yield return t;
    }
}
