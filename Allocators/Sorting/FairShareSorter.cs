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
        client.Share = ShareOf(client);
        if (!_stale) _order.Insert(InsertionPoint(client), handle);
        else _order.Add(handle);
        return handle;
    }

    public void Remove(int client)
    {
        _order.Remove(client);
        _clients[client] = null;
    }

    public void UpdateWeight(int client, double weight)
    {
        var c = _clients[client]!;
        c.Weight = weight;
        Reposition(client, c);
    }

    public void Allocated(int client, Resources resources)
    {
        var c = _clients[client]!;
        c.Allocation += resources;
        c.Count++;
        Reposition(client, c);
    }

    public void Unallocated(int client, Resources resources)
    {
        var c = _clients[client]!;
        c.Allocation -= resources;
        Reposition(client, c);
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

    private void Reposition(int handle, SorterClient client)
    {
        client.Share = ShareOf(client);
        if (_stale) return;
        _order.Remove(handle);
        _order.Insert(InsertionPoint(client), handle);
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
        return string.CompareOrdinal(a.Name, b.Name);
    }
}
