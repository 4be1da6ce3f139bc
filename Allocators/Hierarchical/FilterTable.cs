namespace ClusterSim.Allocators.Hierarchical;

/// <summary>
/// The refusal filters on one agent, by framework slot key: the newest filter of each framework, linked to its
/// older ones. An allocation run asks "is this framework filtered here?" for every framework it walks past on
/// every agent it visits; keeping the answer with the agent (sorted keys, binary search) reads memory the visit
/// touches anyway, where a per-framework hash map costs two cache misses a question on a large cluster. A
/// 64-bit mask of the keys (key mod 64; it may keep bits of removed keys) answers most "no"s without reading the
/// arrays at all. A struct held in the agent's record (<see cref="AgentSlot.Filters"/>), so that the mask and
/// count are read with the record: no object of its own to miss in the cache. Its arrays are made by the first
/// filter.
/// </summary>
internal struct FilterTable
{
    private int[]? _frameworks;
    private RefusalFilter[]? _newest;
    private ulong _mask;

    public FilterTable()
    {
    }

    public int Count { get; private set; }

    /// <summary>The framework's newest filter here; null when it has none.</summary>
    public RefusalFilter? Of(int framework)
    {
        if ((_mask & Bit(framework)) == 0) return null;
        int at = IndexOf(framework);
        return at >= 0 ? _newest![at] : null;
    }

    /// <summary>Makes <paramref name="newest"/> the framework's newest filter here (adding the framework).</summary>
    public void Set(int framework, RefusalFilter newest)
    {
        int at = IndexOf(framework);
        if (at >= 0)
        {
            _newest![at] = newest;
            return;
        }
        at = ~at;
        _frameworks ??= [];
        _newest ??= [];
        if (Count == _frameworks.Length)
        {
            int size = Math.Max(4, Count * 2);
            Array.Resize(ref _frameworks, size);
            Array.Resize(ref _newest, size);
        }
        _frameworks.AsSpan(at, Count - at).CopyTo(_frameworks.AsSpan(at + 1));
        _newest.AsSpan(at, Count - at).CopyTo(_newest.AsSpan(at + 1));
        _frameworks[at] = framework;
        _newest[at] = newest;
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
                var previous = _newest![at];
                _newest[at] = newest;
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
        // A framework found here means the arrays exist.
        var frameworks = _frameworks!;
        var newest = _newest!;
        Count--;
        frameworks.AsSpan(at + 1, Count - at).CopyTo(frameworks.AsSpan(at));
        newest.AsSpan(at + 1, Count - at).CopyTo(newest.AsSpan(at));
        newest[Count] = null!;
        // The mask may keep bits no key has any more (it only lets a lookup be skipped), so with many keys,
        // whose bits are nearly all set anyway, a removal does not rebuild it.
        if (Count > 16) return;
        _mask = 0;
        for (int i = 0; i < Count; i++) _mask |= Bit(frameworks[i]);
    }

    /// <summary>Starts loading the keys, when there are any.</summary>
    public readonly void PrefetchKeys()
    {
        if (Count > 0) CacheHint.Load(_frameworks, 1);
    }

    /// <summary>The newest filter of the <paramref name="index"/>-th framework here, in framework key order.</summary>
    public readonly RefusalFilter NewestAt(int index) => _newest![index];

    public void Clear()
    {
        if (_newest != null) Array.Clear(_newest, 0, Count);
        Count = 0;
        _mask = 0;
    }

    private static ulong Bit(int framework) => 1UL << (framework & 63);

    /// <summary>Where the framework is; the bitwise complement of where it would go when it is not there.</summary>
    private readonly int IndexOf(int framework)
    {
        int lo = 0, hi = Count - 1;
        var keys = _frameworks!;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int key = keys[mid];
            if (key == framework) return mid;
            if (key < framework) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }
}
