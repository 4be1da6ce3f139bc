using ClusterSim.Core.Agents;
using ClusterSim.Core.Ids;

namespace ClusterSim.Core.Cluster;

/// <summary>The master's record of a registered agent.</summary>
internal sealed class AgentEntry(AgentId id, AgentInfo info, IAgentLink link)
{
    public AgentId Id { get; } = id;
    /// <summary>What it registered with, or its latest update.</summary>
    public AgentInfo Info { get; set; } = info;

    /// <summary>False while deactivated or draining: nothing on it is offered.</summary>
    public bool Active { get; set; } = true;

    /// <summary>Being drained (DRAIN_AGENT): deactivated, its tasks killed; drained once none is left.</summary>
    public bool Draining { get; set; }

    /// <summary>Its maintenance window, if one is scheduled.</summary>
    public Unavailability? Unavailability { get; set; }
    public IAgentLink Link { get; } = link;

    // The places of its live tasks in the master's LiveTaskTable, in launch order, so losing the agent reports
    // them in a stable order (places, not records: see the table's remarks). An array of the record's own
    // instead of a List<int>: an ended task's place is taken out of an agent met at random, and the list's
    // object was a cache miss of its own between the record and its array (perf, scale-100k: 2.3% of the run
    // thread's samples on that chain in Master.Terminate).
    private int[] _tasks = [];
    private int _taskCount;

    /// <summary>How many live tasks it runs.</summary>
    public int TaskCount => _taskCount;

    /// <summary>The places of its live tasks, in launch order: a copy, so tasks may end while it is read.</summary>
    public int[] TaskPlaces() => _tasks.AsSpan(0, _taskCount).ToArray();

    /// <summary>Adds a launched task's place after the others.</summary>
    public void AddTask(int slot)
    {
        // Grown as a List<int> grows (4, then doubling).
        if (_taskCount == _tasks.Length) Array.Resize(ref _tasks, _tasks.Length == 0 ? 4 : 2 * _tasks.Length);
        _tasks[_taskCount++] = slot;
    }

    /// <summary>Takes an ended task's place out, keeping the others' order.</summary>
    public void RemoveTask(int slot)
    {
        int at = Array.IndexOf(_tasks, slot, 0, _taskCount);
        if (at < 0) return;
        _taskCount--;
        Array.Copy(_tasks, at + 1, _tasks, at, _taskCount - at);
    }
}
