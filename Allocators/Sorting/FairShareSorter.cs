using System.Runtime.CompilerServices;
using ClusterSim.Core.Resources;

namespace ClusterSim.Allocators.Sorting;

/// <summary>
/// Mesos's DRFSorter with the share measure left open: lower weighted share first; ties go to the client
/// allocated fewer times (a count of grants that is never reset), then to the lower name. The order is kept
/// sorted as allocations change, so asking for it costs nothing and one grant costs a reposition, not a sort.
/// </summary>
public class FairShareSorter : ISorter
{
    private readonly ShareMeasure _measure;
    // DRF's measure, computed here rather than through the delegate when set (see ShareFor).
    private readonly ResourceKindSet? _dominantExcluding;
    private readonly List<SorterClient?> _clients = [];
    // What the order compares, by handle, in one array: a reposition's binary search reads these, not the
    // clients' records scattered on the heap. Share and Count mirror the client's.
    private SortKey[] _keys = new SortKey[8];
    private readonly SlidingOrder _order = new();
    // The clients by name (ordinal). A client's name rank is its position there when they were last
    // renumbered (at an add); a removal leaves a gap, so ranks always order as the names do.
    private readonly List<int> _byName = [];
    private Resources _total;
    private bool _stale;

    public FairShareSorter(ShareMeasure measure)
    {
        _measure = measure;
    }

    /// <summary>DRF's sorter: the dominant share, leaving out <paramref name="dominantExcluding"/>.</summary>
    private protected FairShareSorter(ResourceKindSet dominantExcluding)
        : this(ShareMeasures.Dominant(dominantExcluding))
    {
        _dominantExcluding = dominantExcluding;
    }

    public int Add(string name, double weight = 1.0)
    {
        int handle = _clients.Count;
        var client = new SorterClient(name, weight);
        _clients.Add(client);
        if (_keys.Length <= handle) Array.Resize(ref _keys, _keys.Length * 2);
        Rank(handle);
        client.Share = ShareOf(client);
        _keys[handle].Share = client.Share;
        if (!_stale) _order.Insert(InsertionPoint(handle), handle);
        else _order.Add(handle);
        return handle;
    }

    public void Remove(int client)
    {
        int at = _order.IndexOf(client);
        if (at >= 0) _order.RemoveAt(at);
        _byName.Remove(client);
        _clients[client] = null;
    }

    public void UpdateWeight(int client, double weight)
    {
        var c = _clients[client]!;
        c.Weight = weight;
        Reposition(client, c, ShareFor(c.Allocation, weight));
    }

    public void Allocated(int client, Resources resources)
    {
        var c = _clients[client]!;
        var allocation = c.Allocation + resources;
        c.Allocation = allocation;
        c.Count++;
        _keys[client].Count = c.Count;
        Reposition(client, c, ShareFor(allocation, c.Weight));
    }

    public void Unallocated(int client, Resources resources)
    {
        var c = _clients[client]!;
        var allocation = c.Allocation - resources;
        c.Allocation = allocation;
        Reposition(client, c, ShareFor(allocation, c.Weight));
    }

    public void SetTotal(Resources total)
    {
        if (total == _total) return;
        _total = total;
        // Every share changes; recomputing them is deferred to the next Sort, so registering ten thousand
        // agents costs one sort, not ten thousand.
        _stale = true;
    }

    public IReadOnlyList<int> Sort()
    {
        if (_stale && _order.Count > 1)
        {
            for (int h = 0; h < _clients.Count; h++)
                if (_clients[h] is { } c)
                {
                    c.Share = ShareOf(c);
                    _keys[h].Share = c.Share;
                }
            _order.Sort((a, b) => Compare(_keys[a], _keys[b]));
            _stale = false;
        }
        return _order;
    }

    /// <summary>The client's weighted share.</summary>
    public double Share(int client) => ShareOf(_clients[client]!);

    /// <summary>Grants the client has had.</summary>
    public long AllocationCount(int client) => _clients[client]!.Count;

    /// <summary>Moves the client from where it is to where its new share puts it (see <see cref="SlidingOrder"/>
    /// for what that moves), given its new share.</summary>
    private void Reposition(int handle, SorterClient client, double share)
    {
        // A lone client (the role sorter of a cluster with one role) has nothing to be ordered against: its share
        // is computed when a second client comes, by the next Sort.
        if (_order.Count == 1) _stale = true;
        if (_stale) return;
        client.Share = share;
        _keys[handle].Share = share;
        var order = _order;
        // A linear search, vectorised: the client granted is most often the first in the order.
        int from = order.IndexOf(handle);
        // Where it goes among the others (the order without position `from`, `others` long): the first place
        // whose client compares not below it. A grant most often sends the client to the end or near it, so the
        // search gallops from the end (reading the keys there, of the clients moved there last, still cached)
        // before it halves the range it found; the place is the one a plain binary search finds.
        ref readonly var key = ref _keys[handle];
        int others = order.Count - 1;
        int lo = 0, hi = others;
        for (int step = 1; ; step <<= 1)
        {
            int probe = others - step;
            if (probe < 0) break;
            if (Compare(_keys[order.At(probe < from ? probe : probe + 1)], key) < 0)
            {
                lo = probe + 1;
                break;
            }
            hi = probe;
        }
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            int other = order.At(mid < from ? mid : mid + 1);
            if (Compare(_keys[other], key) < 0) lo = mid + 1;
            else hi = mid;
        }
        order.Move(from, lo);
    }

    private int InsertionPoint(int handle)
    {
        int lo = 0, hi = _order.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (Compare(_keys[_order[mid]], _keys[handle]) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private double ShareOf(SorterClient c) => ShareFor(c.Allocation, c.Weight);

    /// <summary>
    /// The weighted share of an allocation just computed. The JIT builds such a value field by field; handing it
    /// to a call copies it in wider loads, which cannot take it from the pending stores and wait for them to
    /// reach the cache, behind an agent visit's stores to lines that missed (perf put 9 % of a DeclineOffers run
    /// on that one copy). DRF's measure, inlined here, reads the fields one by one instead. Same value as the
    /// delegate's, bit for bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double ShareFor(Resources allocation, double weight) =>
        (_dominantExcluding is { } excluded ? ShareMeasures.DominantOf(allocation, _total, excluded) : _measure(allocation, _total))
        / weight;

    private static int Compare(in SortKey a, in SortKey b)
    {
        int byShare = a.Share.CompareTo(b.Share);
        if (byShare != 0) return byShare;
        int byCount = a.Count.CompareTo(b.Count);
        if (byCount != 0) return byCount;
        return a.NameRank.CompareTo(b.NameRank);
    }

    /// <summary>Gives the new client its name's rank, renumbering all (an add is rare). Equal names (which
    /// <see cref="ISorter.Add"/> rules out, but nothing enforces) get equal ranks, as they compared equal.</summary>
    private void Rank(int handle)
    {
        string name = _clients[handle]!.Name;
        int lo = 0, hi = _byName.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (string.CompareOrdinal(_clients[_byName[mid]]!.Name, name) < 0) lo = mid + 1;
            else hi = mid;
        }
        _byName.Insert(lo, handle);
        for (int i = 0; i < _byName.Count; i++)
            _keys[_byName[i]].NameRank = i > 0 && _clients[_byName[i]]!.Name == _clients[_byName[i - 1]]!.Name
                ? _keys[_byName[i - 1]].NameRank
                : i;
    }

    private struct SortKey
    {
        public double Share;
        public long Count;
        public int NameRank;
    }
}
