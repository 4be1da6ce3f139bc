namespace ClusterSim.Allocators.Hierarchical;

/// <summary>
/// Which agents an allocation run visits, and in what order (Mesos's __generateOffers starts from its
/// allocation candidates, shuffled). It keeps the agents with something offerable free and the agents that may
/// have become takeable since a run last found that no framework could take them (the dirty set, a superset),
/// so that a run can visit those and not the whole cluster; skipping a clean agent gives the same offers.
/// </summary>
internal sealed class VisitPlan
{
    private readonly List<int> _visit = [];
    private readonly List<int> _dirty = [];
    private readonly List<bool> _inDirty = [];
    // Every agent counts as dirty after a change that concerns them all (a framework came or revived, quota).
    private bool _allDirty = true;
    // Agents with free resources an offer could be made of: the only ones a run can grant anything on, so the
    // only ones a change that concerns every agent has to revisit.
    // By agent id value, with each one's place in that list (meaningful only while it is there): moving the
    // last agent into a removed one's place then writes to this array, not to another agent's slot, which on
    // a large cluster is a cache miss per grant.
    private readonly List<int> _offerable = [];
    private int[] _position = new int[64];
    private ulong[] _keys = new ulong[64];

    /// <summary>The agents (by id value) of the run being planned, in visiting order.</summary>
    public List<int> Visits => _visit;

    public void AgentAdded(int agent)
    {
        while (_inDirty.Count <= agent) _inDirty.Add(false);
        MarkDirty(agent);
    }

    public void AgentRemoved(AgentSlot agent)
    {
        if (agent.Offerable) RemoveOfferable(agent);
    }

    public void MarkDirty(int agent)
    {
        if (agent >= _inDirty.Count || _inDirty[agent]) return;
        _inDirty[agent] = true;
        _dirty.Add(agent);
    }

    public void MarkAllDirty() => _allDirty = true;

    /// <summary>Records whether the agent now has something offerable free; the allocation loop starts each
    /// visit by checking <see cref="AgentSlot.Offerable"/>.</summary>
    public void SetOfferable(AgentSlot agent, bool offerable)
    {
        if (offerable == agent.Offerable) return;
        if (!offerable)
        {
            RemoveOfferable(agent);
            return;
        }
        int id = agent.Id.Value;
        if (id >= _position.Length) Array.Resize(ref _position, Math.Max(id + 1, _position.Length * 2));
        _position[id] = _offerable.Count;
        _offerable.Add(id);
        agent.Offerable = true;
    }

    /// <summary>
    /// The agents this run visits: the given ones, or all; when clean agents are skipped, only the dirty ones.
    /// A run over all agents takes the dirty set: an agent it visits is clean afterwards unless a grant marks
    /// it dirty again. A run over some agents leaves the set alone (an agent it found clean is visited once
    /// more by the next full run, which finds the same).
    /// </summary>
    public void Collect(IReadOnlyCollection<Core.Ids.AgentId>? agents, bool skipClean, IReadOnlyList<AgentSlot?> all)
    {
        _visit.Clear();
        if (agents != null)
        {
            foreach (var a in agents)
                if (a.Value < all.Count && all[a.Value] != null && (!skipClean || _allDirty || _inDirty[a.Value]))
                    _visit.Add(a.Value);
            return;
        }
        if (!skipClean)
        {
            for (int i = 0; i < all.Count; i++)
                if (all[i] != null) _visit.Add(i);
            return;
        }
        // An agent with nothing offerable free gets nothing at this run whatever else changed; when it frees
        // something it is marked dirty again, so leaving it out now loses nothing.
        if (_allDirty)
        {
            _visit.AddRange(_offerable);
        }
        else
        {
            foreach (int i in _dirty)
                if (all[i] is { Offerable: true }) _visit.Add(i);
        }
        foreach (int i in _dirty) _inDirty[i] = false;
        _dirty.Clear();
        _allDirty = false;
    }

    /// <summary>
    /// Puts the agents to visit in a random order, as Mesos shuffles its agents before each run. Each agent
    /// gets a random key from the run and its id and the agents are sorted by key: a uniformly random order
    /// whose restriction to any subset is the same as the whole order's, so visiting only some agents visits
    /// them in the order a visit of all would, at a cost that follows the agents visited, not the cluster.
    /// </summary>
    public void Order(ulong runSeed)
    {
        int n = _visit.Count;
        if (_keys.Length < n) _keys = new ulong[Math.Max(n, _keys.Length * 2)];
        var keys = _keys.AsSpan(0, n);
        for (int j = 0; j < n; j++)
        {
            uint agent = (uint)_visit[j];
            keys[j] = (SplitMix(runSeed + agent * 0x9E3779B97F4A7C15UL) & 0xFFFFFFFF00000000UL) | agent;
        }
        keys.Sort();
        for (int j = 0; j < n; j++) _visit[j] = (int)(uint)keys[j];
    }

    private static ulong SplitMix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private void RemoveOfferable(AgentSlot agent)
    {
        int at = _position[agent.Id.Value];
        int last = _offerable[^1];
        _offerable[at] = last;
        _position[last] = at;
        _offerable.RemoveAt(_offerable.Count - 1);
        agent.Offerable = false;
    }
}
