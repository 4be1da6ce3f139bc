using System.Diagnostics.CodeAnalysis;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;

namespace ClusterSim.Core.Cluster;

/// <summary>
/// A framework's live tasks as the master knows them, by id: found, added and removed as a
/// <c>Dictionary&lt;TaskId, TaskEntry&gt;</c> would, and listed in the order such a dictionary lists them.
/// </summary>
/// <remarks>
/// Every status update and launch looks a task up here, for a task met at random among hundreds of thousands.
/// A dictionary reads its bucket and then its entry, two cache misses one after the other, before the task's
/// record (perf, scale-100k: about 6% of the run thread's samples on those two reads in Master.Accept and the
/// agents' reports). Here the ids are hashed into one open-addressed array (linear probing, at most half
/// full) whose slot holds the record itself with the id's hash: one miss, and the record is read next anyway.
/// Outputs depend on the order a framework's tasks are listed in (a removed framework's tasks end in it, a
/// reconciliation answers in it), so each task also keeps the place a dictionary's entry would have: the next
/// never-used place, or the place freed last (a dictionary's free list); listing sorts by place.
/// </remarks>
internal sealed class FrameworkTasks
{
    private struct Slot
    {
        public TaskEntry? Task;
        public int Hash;
        // Where a Dictionary would keep the entry: the listing order.
        public int Place;
    }

    private Slot[] _slots = new Slot[16];
    // Places freed by removed tasks, and how many were ever used (not readonly: a mutable struct).
    private FreeSlots _places;

    public int Count { get; private set; }

    public bool TryGetValue(TaskId id, [MaybeNullWhen(false)] out TaskEntry task)
    {
        int at = Find(id);
        task = at >= 0 ? _slots[at].Task : null;
        return task != null;
    }

    public bool ContainsKey(TaskId id) => Find(id) >= 0;

    /// <summary>Adds a task under its id, which no live task of the framework may have.</summary>
    public void Add(TaskEntry task)
    {
        if (Count + 1 > _slots.Length / 2) Grow();
        var id = task.Spec.Id;
        int hash = id.GetHashCode();
        int mask = _slots.Length - 1;
        int at = hash & mask;
        for (; _slots[at].Task is { } other; at = (at + 1) & mask)
            if (_slots[at].Hash == hash && other.Spec.Id.Equals(id))
                throw new ArgumentException($"the framework already has a live task '{id}'", nameof(task));
        _slots[at] = new Slot { Task = task, Hash = hash, Place = _places.Take() };
        Count++;
    }

    public bool Remove(TaskId id)
    {
        int hole = Find(id);
        if (hole < 0) return false;
        _places.Free(_slots[hole].Place);
        // Backward-shift deletion: a task further along the run whose home slot is not between the hole and
        // itself would no longer be found past the hole, so it moves into it, and its slot is the new hole.
        int mask = _slots.Length - 1;
        for (int at = (hole + 1) & mask; _slots[at].Task != null; at = (at + 1) & mask)
        {
            int home = _slots[at].Hash & mask;
            bool staysReachable = hole <= at ? hole < home && home <= at : hole < home || home <= at;
            if (staysReachable) continue;
            _slots[hole] = _slots[at];
            hole = at;
        }
        _slots[hole] = default;
        Count--;
        return true;
    }

    /// <summary>The live tasks, in the order a dictionary would list them: a copy, so tasks may end while it is
    /// read.</summary>
    public TaskEntry[] Listed()
    {
        var byPlace = new TaskEntry?[_places.Used];
        foreach (ref readonly var slot in _slots.AsSpan())
            if (slot.Task != null) byPlace[slot.Place] = slot.Task;
        var listed = new TaskEntry[Count];
        int n = 0;
        foreach (var task in byPlace)
            if (task != null) listed[n++] = task;
        return listed;
    }

    private int Find(TaskId id)
    {
        int hash = id.GetHashCode();
        int mask = _slots.Length - 1;
        for (int at = hash & mask; ; at = (at + 1) & mask)
        {
            ref readonly var slot = ref _slots[at];
            if (slot.Task == null) return -1;
            // The id is compared only when the hashes agree; it is most often the very string the task was
            // launched with, which compares by reference.
            if (slot.Hash == hash && slot.Task.Spec.Id.Equals(id)) return at;
        }
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new Slot[2 * old.Length];
        int mask = _slots.Length - 1;
        foreach (ref readonly var slot in old.AsSpan())
        {
            if (slot.Task == null) continue;
            int at = slot.Hash & mask;
            while (_slots[at].Task != null) at = (at + 1) & mask;
            _slots[at] = slot;
        }
    }
}
