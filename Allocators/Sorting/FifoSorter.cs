using ClusterSim.Core.Resources;

namespace ClusterSim.Allocators.Sorting;

/// <summary>
/// First come, first served: clients in the order they registered, whatever they hold. With first fit this
/// is the FIFO baseline: the oldest framework that wants offers gets every agent it can use.
/// </summary>
public sealed class FifoSorter : ISorter
{
    private readonly List<int> _order = [];
    private int _next;

    public int Add(string name, double weight = 1.0)
    {
        _order.Add(_next);
        return _next++;
    }

    public void Remove(int client) => _order.Remove(client);

    public void UpdateWeight(int client, double weight)
    {
    }

    public void Allocated(int client, Resources resources)
    {
    }

    public void Unallocated(int client, Resources resources)
    {
    }

    public void SetTotal(Resources total)
    {
    }

    public IReadOnlyList<int> Sort() => _order;
}
