namespace ClusterSim.Workloads.Frameworks;

/// <summary>
/// Tasks waiting to launch, oldest first, as an intrusive doubly linked list: a scheduler that skips a task
/// too big for an offer and takes a later one removes it in O(1), with no allocation per task.
/// </summary>
public sealed class PendingQueue
{
    private TrackedTask? _head, _tail;

    public int Count { get; private set; }
    public TrackedTask? First => _head;

    public static TrackedTask? NextOf(TrackedTask task) => task.Next;

    public void Enqueue(TrackedTask task)
    {
        if (task.Queued) throw new InvalidOperationException($"task {task.Id} is already queued");
        task.Queued = true;
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
        task.Queued = false;
        Count--;
    }

    public IEnumerable<TrackedTask> Items()
    {
        for (var t = _head; t != null; t = t.Next) yield return t;
    }
}
