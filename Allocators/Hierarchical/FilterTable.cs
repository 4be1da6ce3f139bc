using ClusterSim.Core.Memory;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>
/// The refusal filters on one agent, by framework slot key: the newest filter of each framework, linked to its
/// older ones. An allocation run asks "is this framework filtered here?" for every framework it walks past on
/// every agent it visits; keeping the answer with the agent (sorted keys, binary search) reads memory the visit
/// touches anyway, where a per-framework hash map costs two cache misses a question on a large cluster. A
/// 64-bit mask of the keys (key mod 64; it may keep bits of removed keys) answers most "no"s without reading the
/// array at all. Each entry keeps a copy of what its newest filter refused (a filter's resources do not change
/// while it is installed), so that the usual "yes" (the newest filter blocks) reads the one array the visit
/// prefetched, not the filter objects scattered on the heap. A struct held in the agent's record
/// (<see cref="AgentSlot.Filters"/>), so that the mask and count are read with the record: no object of its own
/// to miss in the cache. Its array is made by the first filter.
/// </summary>
internal struct FilterTable
{
    private Entry[]? _entries;
    private ulong _mask;

    public FilterTable()
    {
    }

    public int Count { get; private set; }

    /// <summary>The framework's newest filter here; null when it has none.</summary>
    public readonly RefusalFilter? Of(int framework)
    {
        if ((_mask & Bit(framework)) == 0) return null;
        int at = IndexOf(framework);
        return at >= 0 ? _entries![at].Newest : null;
    }

    /// <summary>Whether one of the framework's filters here holds back this offer (contains it).</summary>
    public readonly bool Blocks(int framework, in R offer)
    {
        if ((_mask & Bit(framework)) == 0) return false;
        int at = IndexOf(framework);
        if (at < 0) return false;
        ref readonly var entry = ref _entries![at];
        if (entry.Refused.Contains(offer)) return true;
        for (var f = entry.Newest.Next; f != null; f = f.Next)
            if (f.Blocks(offer)) return true;
        return false;
    }

    /// <summary>Makes <paramref name="newest"/> the framework's newest filter here (adding the framework).</summary>
    public void Set(int framework, RefusalFilter newest)
    {
        int at = IndexOf(framework);
        if (at >= 0)
        {
            _entries![at] = new Entry(framework, newest);
            return;
        }
        at = ~at;
        _entries ??= [];
        if (Count == _entries.Length) Array.Resize(ref _entries, Math.Max(4, Count * 2));
        _entries.AsSpan(at, Count - at).CopyTo(_entries.AsSpan(at + 1));
        _entries[at] = new Entry(framework, newest);
        Count++;
        _mask |= Bit(framework);
    }

    /// <summary>Makes <paramref name="newest"/> the framework's newest filter here, as <see cref="Set"/> does,
    /// and returns the one that was (null: none), finding the framework once where <see cref="Of"/> then
    /// <see cref="Set"/> would search twice.</summary>
    public RefusalFilter? Push(int framework, RefusalFilter newest)
    {
        if ((_mask & Bit(framework)) != 0)
        {
            int at = IndexOf(framework);
            if (at >= 0)
            {
                var previous = _entries![at].Newest;
                _entries[at] = new Entry(framework, newest);
                return previous;
            }
        }
        Set(framework, newest);
        return null;
    }

    /// <summary>Forgets the framework's filters here (nothing when it has none).</summary>
    public void Remove(int framework)
    {
        int at = IndexOf(framework);
        if (at < 0) return;
        // A framework found here means the array exists.
        var entries = _entries!;
        Count--;
        entries.AsSpan(at + 1, Count - at).CopyTo(entries.AsSpan(at));
        entries[Count] = default;
        // The mask may keep bits no key has any more (it only lets a lookup be skipped), so with many keys,
        // whose bits are nearly all set anyway, a removal does not rebuild it.
        if (Count > 16) return;
        _mask = 0;
        for (int i = 0; i < Count; i++) _mask |= Bit(entries[i].Framework);
    }

    /// <summary>Starts loading the array's header and first entries, when there is an array (an empty one
    /// too: a filter installed there reads its length and writes its first entry).</summary>
    public readonly void PrefetchKeys()
    {
        // The array's header, then the entries, up to four cache lines.
        CacheHint.Load(_entries, Math.Min(4, (16 + Count * 48 + 63) / 64));
    }

    /// <summary>The newest filter of the <paramref name="index"/>-th framework here, in framework key order.</summary>
    public readonly RefusalFilter NewestAt(int index) => _entries![index].Newest;

    public void Clear()
    {
        if (_entries != null) Array.Clear(_entries, 0, Count);
        Count = 0;
        _mask = 0;
    }

    private static ulong Bit(int framework) => 1UL << (framework & 63);

    /// <summary>Where the framework is; the bitwise complement of where it would go when it is not there.</summary>
    private readonly int IndexOf(int framework)
    {
        int lo = 0, hi = Count - 1;
        var entries = _entries;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int key = entries![mid].Framework;
            if (key == framework) return mid;
            if (key < framework) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    private readonly struct Entry(int framework, RefusalFilter newest)
    {
        public readonly int Framework = framework;
        public readonly RefusalFilter Newest = newest;
        // The newest filter's resources, copied (see the type's summary).
        public readonly R Refused = newest.Refused;
    }
}
