namespace ClusterSim.Allocators.Hierarchical;

/// <summary>
/// Which agents an allocation run visits, and in what order (Mesos's __generateOffers starts from its
/// allocation candidates, shuffled). It keeps the agents with something offerable free and the agents that may
/// have become takeable since a run last found that no framework could take them (the dirty set, a superset),
/// so that a run can visit those and not the whole cluster; skipping a clean agent gives the same offers.
/// </summary>
internal sealed class VisitPlan
{
    private const byte Dirty = 1;
    private const byte Offerable = 2;

    private readonly List<int> _visit = [];
    private readonly List<int> _dirty = [];
    // Per agent (by id value): whether it is in the dirty list, and whether it has free resources an offer could
    // be made of (the only agents a run can grant anything on, so the only ones a change that concerns every
    // agent has to revisit). One byte array, not a list of the offerable agents: a grant that takes an agent's
    // last free resources then writes one byte, where keeping a list meant writes at two random places.
    private readonly List<byte> _flags = [];
    // Every agent counts as dirty after a change that concerns them all (a framework came or revived, quota).
    private bool _allDirty = true;
    private ulong[] _keys = new ulong[64];
    private ulong[] _scratch = new ulong[64];

    /// <summary>The agents (by id value) of the run being planned, in visiting order.</summary>
    public List<int> Visits => _visit;

    public void AgentAdded(int agent)
    {
        while (_flags.Count <= agent) _flags.Add(0);
        MarkDirty(agent);
    }

    public void AgentRemoved(AgentSlot agent) => SetOfferable(agent, false);

    public void MarkDirty(int agent)
    {
        if (agent >= _flags.Count || (_flags[agent] & Dirty) != 0) return;
        _flags[agent] |= Dirty;
        _dirty.Add(agent);
    }

    public void MarkAllDirty() => _allDirty = true;

    /// <summary>Records whether the agent now has something offerable free; the allocation loop starts each
    /// visit by checking <see cref="AgentSlot.Offerable"/>.</summary>
    public void SetOfferable(AgentSlot agent, bool offerable)
    {
        if (offerable == agent.Offerable) return;
        agent.Offerable = offerable;
        int id = agent.Id.Value;
        if (offerable) _flags[id] |= Offerable;
        else _flags[id] &= unchecked((byte)~Offerable);
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
                if (a.Value < all.Count && all[a.Value] != null && (!skipClean || _allDirty || (_flags[a.Value] & Dirty) != 0))
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
        // (The visits are put in their order by Order, so the order they are collected in does not matter.)
        if (_allDirty)
        {
            for (int i = 0; i < _flags.Count; i++)
                if ((_flags[i] & Offerable) != 0) _visit.Add(i);
        }
        else
        {
            foreach (int i in _dirty)
                if ((_flags[i] & Offerable) != 0) _visit.Add(i);
        }
        foreach (int i in _dirty) _flags[i] &= unchecked((byte)~Dirty);
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
        if (_scratch.Length < n) _scratch = new ulong[_keys.Length];
        RadixSort(keys, _scratch.AsSpan(0, n));
        for (int j = 0; j < n; j++) _visit[j] = (int)(uint)keys[j];
    }

    /// <summary>Sorts the keys ascending, as <see cref="MemoryExtensions.Sort{T}(Span{T})"/> would, by
    /// least-significant-digit radix sort (eight passes of a byte): a run over 50,000 agents sorts in a fraction
    /// of the comparison sort's time. Agent ids in the low bits make the keys distinct.</summary>
    internal static void RadixSort(Span<ulong> keys, Span<ulong> scratch)
    {
        if (keys.Length < 256)
        {
            keys.Sort();
            return;
        }
        Span<int> counts = stackalloc int[256];
        var from = keys;
        var to = scratch;
        for (int shift = 0; shift < 64; shift += 8)
        {
            counts.Clear();
            foreach (ulong k in from) counts[(int)((k >> shift) & 0xFF)]++;
            int sum = 0;
            for (int d = 0; d < counts.Length; d++)
            {
                int c = counts[d];
                counts[d] = sum;
                sum += c;
            }
            foreach (ulong k in from) to[counts[(int)((k >> shift) & 0xFF)]++] = k;
            var swap = from;
            from = to;
            to = swap;
        }
        // An even number of passes: the sorted keys are back in `keys`.
    }

    private static ulong SplitMix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
