using ClusterSim.Core.Random;
using ClusterSim.Core.Resources;

namespace ClusterSim.Allocators.Sorting;

/// <summary>
/// Mesos's RandomSorter: every call to Sort draws a new weighted random order, ignoring shares. A client
/// comes first with probability proportional to its weight; drawn here with exponential keys
/// (Efraimidis and Spirakis, 2006), which gives the same distribution as Mesos's repeated weighted pick in
/// O(n log n).
/// </summary>
public sealed class RandomSorter : ISorter
{
    private readonly Func<RandomStream> _stream;
    private readonly List<SorterClient?> _clients = [];
    private readonly List<int> _order = [];
    private double[] _keys = [];

    /// <param name="stream">The stream of the allocation run in progress.</param>
    public RandomSorter(Func<RandomStream> stream)
    {
        _stream = stream;
    }

    public int Add(string name, double weight = 1.0)
    {
        _clients.Add(new SorterClient(name, weight));
        return _clients.Count - 1;
    }

    public void Remove(int client) => _clients[client] = null;

    public void UpdateWeight(int client, double weight) => _clients[client]!.Weight = weight;

    public void Allocated(int client, Resources resources)
    {
        var c = _clients[client]!;
        c.Allocation += resources;
        c.Count++;
    }

    public void Unallocated(int client, Resources resources) => _clients[client]!.Allocation -= resources;

    public void SetTotal(Resources total)
    {
    }

    public IReadOnlyList<int> Sort()
    {
        var random = _stream();
        if (_keys.Length < _clients.Count) _keys = new double[Math.Max(_clients.Count, 2 * _keys.Length)];
        _order.Clear();
        for (int i = 0; i < _clients.Count; i++)
        {
            var c = _clients[i];
            if (c == null) continue;
            // 1 - U is in (0, 1], so the log is finite; a zero weight sorts last.
            _keys[i] = c.Weight > 0 ? -Math.Log(1.0 - random.NextDouble()) / c.Weight : double.PositiveInfinity;
            _order.Add(i);
        }
        var keys = _keys;
        _order.Sort((a, b) =>
        {
            int byKey = keys[a].CompareTo(keys[b]);
            return byKey != 0 ? byKey : a.CompareTo(b);
        });
        return _order;
    }
}
