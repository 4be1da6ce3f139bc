using System.Runtime.InteropServices;
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
    private readonly List<SorterClient?> _clients = [];
    private readonly List<int> _order = [];
    // The clients by name (ordinal). A client's rank is its position there when they were last renumbered (at
    // an add); a removal leaves a gap, so ranks always order as the names do.
    private readonly List<SorterClient> _byName = [];
    private Resources _total;
    private bool _stale;

    public FairShareSorter(ShareMeasure measure)
    {
        _measure = measure;
    }

    public int Add(string name, double weight = 1.0)
    {
        int handle = _clients.Count;
        var client = new SorterClient(name, weight);
        _clients.Add(client);
        Rank(client);
        client.Share = ShareOf(client);
        if (!_stale) _order.Insert(InsertionPoint(client), handle);
        else _order.Add(handle);
        return handle;
    }

    public void Remove(int client)
    {
        _order.Remove(client);
        _byName.Remove(_clients[client]!);
        _clients[client] = null;
    }

    public void UpdateWeight(int client, double weight)
    {
        var c = _clients[client]!;
        int from = PositionOf(client, c);
        c.Weight = weight;
        Reposition(client, c, from);
    }

    public void Allocated(int client, Resources resources)
    {
        var c = _clients[client]!;
        int from = PositionOf(client, c);
        c.Allocation += resources;
        c.Count++;
        Reposition(client, c, from);
    }

    public void Unallocated(int client, Resources resources)
    {
        var c = _clients[client]!;
        int from = PositionOf(client, c);
        c.Allocation -= resources;
        Reposition(client, c, from);
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
        if (_stale)
        {
            foreach (var c in _clients)
                c?.Share = ShareOf(c);
            _order.Sort((a, b) => Compare(_clients[a]!, _clients[b]!));
            _stale = false;
        }
        return _order;
    }

    /// <summary>The client's weighted share.</summary>
    public double Share(int client) => ShareOf(_clients[client]!);

    /// <summary>Grants the client has had.</summary>
    public long AllocationCount(int client) => _clients[client]!.Count;

    /// <summary>Where the client is in the order before it changes (-1 while the order is stale): found by
    /// binary search, since the order is sorted by what the client still has.</summary>
    private int PositionOf(int handle, SorterClient client)
    {
        if (_stale) return -1;
        int at = InsertionPoint(client);
        // Compare is a total order (names are unique), so the client is where it would be inserted; the scan
        // is a guard that never runs while that holds.
        return at < _order.Count && _order[at] == handle ? at : _order.IndexOf(handle);
    }

    /// <summary>Moves the client from <paramref name="from"/> to where its new share puts it, shifting only the
    /// clients in between (a grant moves one client; a remove and an insert would shift the list twice).</summary>
    private void Reposition(int handle, SorterClient client, int from)
    {
        client.Share = ShareOf(client);
        if (_stale) return;
        var order = CollectionsMarshal.AsSpan(_order);
        // Where it goes among the others: a binary search over the order without position `from`.
        int lo = 0, hi = order.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            int other = order[mid < from ? mid : mid + 1];
            if (Compare(_clients[other]!, client) < 0) lo = mid + 1;
            else hi = mid;
        }
        int to = lo;
        if (to > from) order.Slice(from + 1, to - from).CopyTo(order.Slice(from));
        else if (to < from) order.Slice(to, from - to).CopyTo(order.Slice(to + 1));
        order[to] = handle;
    }

    private int InsertionPoint(SorterClient client)
    {
        int lo = 0, hi = _order.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (Compare(_clients[_order[mid]]!, client) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private double ShareOf(SorterClient c) => _measure(c.Allocation, _total) / c.Weight;

    private static int Compare(SorterClient a, SorterClient b)
    {
        int byShare = a.Share.CompareTo(b.Share);
        if (byShare != 0) return byShare;
        int byCount = a.Count.CompareTo(b.Count);
        if (byCount != 0) return byCount;
        return a.NameRank.CompareTo(b.NameRank);
    }

    /// <summary>Gives the new client its name's rank, renumbering all (an add is rare). Equal names (which
    /// <see cref="ISorter.Add"/> rules out, but nothing enforces) get equal ranks, as they compared equal.</summary>
    private void Rank(SorterClient client)
    {
        int lo = 0, hi = _byName.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (string.CompareOrdinal(_byName[mid].Name, client.Name) < 0) lo = mid + 1;
            else hi = mid;
        }
        _byName.Insert(lo, client);
        for (int i = 0; i < _byName.Count; i++)
            _byName[i].NameRank = i > 0 && _byName[i].Name == _byName[i - 1].Name ? _byName[i - 1].NameRank : i;
    }
}
