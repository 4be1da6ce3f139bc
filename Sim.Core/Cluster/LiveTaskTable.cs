using ClusterSim.Core.Loop;

namespace ClusterSim.Core.Cluster;

/// <summary>
/// The master's live task records, each at a numbered place (a slot) that stays its own until the task ends;
/// a freed place is taken again by the next launch. An agent's record lists its tasks by place
/// (<see cref="AgentEntry.Tasks"/>), not by reference.
/// </summary>
/// <remarks>
/// Why: a task's record is new when it launches, and an agent's list is old. Every store of a new record
/// into an old object marks that object's part of the heap (a card) for the next young collection to scan,
/// and the agents' lists lie scattered among a hundred thousand agents' other records: on scale-100k's first
/// 6 hours, a build that left the lists out altogether took the later young collections from 240-300 ms to
/// 185-250 ms each. The places of one array are scanned as one run of references instead: 230-255 ms with this
/// table (docs/PERFORMANCE.md, 2026-11-29).
/// </remarks>
internal sealed class LiveTaskTable
{
    private TaskEntry?[] _entries = new TaskEntry?[64];
    // Places freed by ended tasks, and how many were ever used (not readonly: a mutable struct).
    private FreeSlots _free;

    public int Count { get; private set; }

    public TaskEntry this[int slot] => _entries[slot]!;

    /// <summary>Puts the record at a free place and returns it (also kept in the record's
    /// <see cref="TaskEntry.Slot"/>).</summary>
    public int Add(TaskEntry task)
    {
        int slot = _free.Take();
        if (slot == _entries.Length) Array.Resize(ref _entries, 2 * _entries.Length);
        _entries[slot] = task;
        task.Slot = slot;
        Count++;
        return slot;
    }

    /// <summary>Frees the record's place.</summary>
    public void Remove(TaskEntry task)
    {
        int slot = task.Slot;
        if (!ReferenceEquals(_entries[slot], task)) throw new InvalidOperationException($"task {task.Spec.Id} is not at place {slot}");
        _entries[slot] = null;
        _free.Free(slot);
        Count--;
    }
}
