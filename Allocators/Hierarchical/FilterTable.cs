namespace ClusterSim.Allocators.Hierarchical;

/// <summary>
/// The refusal filters on one agent, by framework slot key: the newest filter of each framework, linked to its
/// older ones. An allocation run asks "is this framework filtered here?" for every framework it walks past on
/// every agent it visits; keeping the answer with the agent (sorted keys, binary search) reads memory the visit
/// touches anyway, where a per-framework hash map costs two cache misses a question on a large cluster. A
/// 64-bit mask of the keys (key mod 64; it may keep bits of removed keys) answers most "no"s without reading the
/// arrays at all.
/// </summary>
internal sealed class FilterTable
{
    private int[] _frameworks = [];
    private RefusalFilter[] _newest = [];
    private ulong _mask;

    public int Count { get; private set; }

    /// <summary>The framework's newest filter here; null when it has none.</summary>
    public RefusalFilter? Of(int framework)
    {
        if ((_mask & Bit(framework)) == 0) return null;
        int at = IndexOf(framework);
        return at >= 0 ? _newest[at] : null;
    }

    /// <summary>Makes <paramref name="newest"/> the framework's newest filter here (adding the framework).</summary>
    public void Set(int framework, RefusalFilter newest)
    {
        int at = IndexOf(framework);
        if (at >= 0)
        {
            _newest[at] = newest;
            return;
        }
        at = ~at;
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

    /// <summary>Forgets the framework's filters here (nothing when it has none).</summary>
    public void Remove(int framework)
    {
        int at = IndexOf(framework);
        if (at < 0) return;
        Count--;
        _frameworks.AsSpan(at + 1, Count - at).CopyTo(_frameworks.AsSpan(at));
        _newest.AsSpan(at + 1, Count - at).CopyTo(_newest.AsSpan(at));
        _newest[Count] = null!;
        // The mask may keep bits no key has any more (it only lets a lookup be skipped), so with many keys,
        // whose bits are nearly all set anyway, a removal does not rebuild it.
        if (Count > 16) return;
        _mask = 0;
        for (int i = 0; i < Count; i++) _mask |= Bit(_frameworks[i]);
    }

    /// <summary>Starts loading the keys, when there are any.</summary>
    public void PrefetchKeys()
    {
        if (Count > 0) CacheHint.Load(_frameworks, 1);
    }

    /// <summary>The newest filter of the <paramref name="index"/>-th framework here, in framework key order.</summary>
    public RefusalFilter NewestAt(int index) => _newest[index];

    public void Clear()
    {
        Array.Clear(_newest, 0, Count);
        Count = 0;
        _mask = 0;
    }

    private static ulong Bit(int framework) => 1UL << (framework & 63);

    /// <summary>Where the framework is; the bitwise complement of where it would go when it is not there.</summary>
    private int IndexOf(int framework)
    {
        int lo = 0, hi = Count - 1;
        var keys = _frameworks;
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
