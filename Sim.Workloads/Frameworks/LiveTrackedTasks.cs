using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;

namespace ClusterSim.Workloads.Frameworks;

/// <summary>
/// A framework's launched tasks not yet ended, each at a numbered place that stays its own until it ends
/// (<see cref="TrackedTask.LiveSlot"/>); a freed place is taken again by the next launch. A status update finds
/// its task through the record the framework gave the master with it (<see cref="Core.Tasks.TaskSpec.FrameworkRecord"/>);
/// an update without one (over the scheduler API, a reconciliation answer) and a lookup by id go through an index
/// by id, made at the first such lookup and kept from then on.
/// </summary>
/// <remarks>
/// Why not a map by id alone: on scale-100k, with a million live tasks, the map's bucket and entry missed the
/// cache at every launch, RUNNING update and end, about 5% of the run; the whole day took 6% less without it
/// (docs/PERFORMANCE.md, 2026-11-29, 12:54).
/// The order of <see cref="Values"/> is the order a <see cref="Dictionary{TKey, TValue}"/> keyed by id enumerates
/// (places in order, a freed one reused last freed first), which the outputs of the runs before it depend on
/// (a gang's members killed in that order, for one).
/// </remarks>
internal sealed class LiveTrackedTasks
{
    private TrackedTask?[] _places = new TrackedTask?[64];
    // Freed places, and how many were ever used (not readonly: a mutable struct).
    private FreeSlots _free;
    private Dictionary<TaskId, TrackedTask>? _byId;

    public int Count { get; private set; }

    /// <summary>Makes <paramref name="task"/> live; nothing changes when it already is.</summary>
    public void Add(TrackedTask task)
    {
        if (task.IsLive) return;
        // Into the index first, when there is one: a second live task of the id is refused before anything changes.
        if (_byId != null && !_byId.TryAdd(task.Id, task)) throw TwoLiveTasksNamed(task.Id);
        int slot = _free.Take();
        if (slot == _places.Length) Array.Resize(ref _places, 2 * _places.Length);
        _places[slot] = task;
        task.LiveSlot = slot;
        Count++;
    }

    /// <summary>Ends <paramref name="task"/>'s time as live; it must be live.</summary>
    public void Remove(TrackedTask task)
    {
        if (!task.IsLive) throw new InvalidOperationException($"task '{task.Id}' is not live");
        _places[task.LiveSlot] = null;
        _free.Free(task.LiveSlot);
        task.LiveSlot = -1;
        Count--;
        _byId?.Remove(task.Id);
    }

    /// <summary>
    /// The live task an update names: by <paramref name="record"/> when the update carries the framework's own
    /// record (then it is the task, live or not, as ids are unique within a framework), by
    /// <paramref name="id"/> otherwise. Null when no live task has that id.
    /// </summary>
    public TrackedTask? Find(object? record, TaskId id)
    {
        if (record is TrackedTask task && task.Id == id) return task.IsLive ? task : null;
        return Find(id);
    }

    /// <summary>The live task named <paramref name="id"/>, or null.</summary>
    public TrackedTask? Find(TaskId id) => ById().GetValueOrDefault(id);

    /// <summary>Whether the index by id has been made (for tests: updates that carry the framework's record never
    /// make it).</summary>
    internal bool IsIndexedById => _byId != null;

    /// <summary>The live tasks in a stable order (see the remarks).</summary>
    public IEnumerable<TrackedTask> Values
    {
        get
        {
            for (int i = 0; i < _free.Used; i++)
                if (_places[i] is { } task) yield return task;
        }
    }

    private Dictionary<TaskId, TrackedTask> ById()
    {
        if (_byId != null) return _byId;
        var byId = new Dictionary<TaskId, TrackedTask>(Count);
        foreach (var task in Values)
            if (!byId.TryAdd(task.Id, task)) throw TwoLiveTasksNamed(task.Id);
        return _byId = byId;
    }

    private static InvalidOperationException TwoLiveTasksNamed(TaskId id) =>
        new($"two live tasks named '{id}': a framework's task ids are unique");
}
