using ClusterSim.Core.Memory;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>
/// What each framework holds on one agent, by framework id, in id order. An agent is held by a handful of
/// frameworks at most, so a short sorted array beats a tree: no node per entry, and a lookup is a scan of a
/// cache line or two (one array of entries, not one of keys beside one of holdings: on a large cluster each
/// array an agent visit touches is a cache miss). A struct held in the agent's record
/// (<see cref="AgentSlot.ByFramework"/>): no object of its own to miss in the cache.
/// </summary>
internal struct HoldingTable
{
    private Entry[] _entries = new Entry[2];

    public HoldingTable()
    {
    }

    public int Count { get; private set; }

    /// <summary>Starts loading the entries.</summary>
    public readonly void PrefetchEntries() => CacheHint.Load(_entries, 2);

    public readonly bool TryGetValue(int framework, out Holding holding)
    {
        int at = IndexOf(framework);
        holding = at >= 0 ? _entries[at].Holding : default;
        return at >= 0;
    }

    /// <summary>
    /// Adds to what the framework holds (a grant), as <see cref="Set"/> of the sum would. Summing here, into the
    /// entry, spares the caller building a holding to pass: the JIT builds one field by field and the call
    /// copies it in wider loads, which wait for those stores to reach the cache (perf, DeclineOffers).
    /// </summary>
    public void Add(int framework, R total, R reserved)
    {
        int at = IndexOf(framework);
        if (at < 0)
        {
            Set(framework, new Holding(total, reserved));
            return;
        }
        ref var entry = ref _entries[at];
        var sum = entry.Holding.Total + total;
        if (sum.IsEmpty)
        {
            RemoveAt(at);
            return;
        }
        entry.Holding = new Holding(sum, entry.Holding.Reserved + reserved);
    }

    /// <summary>Sets what the framework holds; an empty holding removes it.</summary>
    public void Set(int framework, Holding holding)
    {
        int at = IndexOf(framework);
        if (holding.Total.IsEmpty)
        {
            if (at >= 0) RemoveAt(at);
            return;
        }
        if (at >= 0)
        {
            _entries[at].Holding = holding;
            return;
        }
        if (Count == _entries.Length) Array.Resize(ref _entries, Count * 2);
        int insert = Count;
        while (insert > 0 && _entries[insert - 1].Framework > framework)
        {
            _entries[insert] = _entries[insert - 1];
            insert--;
        }
        _entries[insert] = new Entry { Framework = framework, Holding = holding };
        Count++;
    }

    /// <summary>Where the framework's entry is (-1: it holds nothing here), for <see cref="HoldingAt"/> and
    /// <see cref="SubtractAt"/>: a return looks its holding up once, not once to check it and again to change it.</summary>
    public readonly int Find(int framework) => IndexOf(framework);

    public readonly Holding HoldingAt(int at) => _entries[at].Holding;

    /// <summary>Takes from the holding at <paramref name="at"/> (a return), as <see cref="Set"/> of the
    /// difference would: one left holding nothing is removed.</summary>
    public void SubtractAt(int at, R total, R reserved)
    {
        ref var entry = ref _entries[at];
        var rest = entry.Holding.Total - total;
        if (rest.IsEmpty)
        {
            RemoveAt(at);
            return;
        }
        entry.Holding = new Holding(rest, entry.Holding.Reserved - reserved);
    }

    /// <summary>A copy in framework id order, so the caller may change the table while going through it.</summary>
    public readonly (int Framework, Holding Holding)[] ToArray()
    {
        var items = new (int, Holding)[Count];
        for (int i = 0; i < Count; i++) items[i] = (_entries[i].Framework, _entries[i].Holding);
        return items;
    }

    private readonly int IndexOf(int framework)
    {
        for (int i = 0; i < Count; i++)
            if (_entries[i].Framework == framework) return i;
        return -1;
    }

    private void RemoveAt(int at)
    {
        Count--;
        Array.Copy(_entries, at + 1, _entries, at, Count - at);
        _entries[Count] = default;
    }

    private struct Entry
    {
        public int Framework;
        public Holding Holding;
    }
}
