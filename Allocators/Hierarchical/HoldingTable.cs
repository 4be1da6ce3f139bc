namespace ClusterSim.Allocators.Hierarchical;

/// <summary>
/// What each framework holds on one agent, by framework id, in id order. An agent is held by a handful of
/// frameworks at most, so two short sorted arrays beat a tree: no node per entry, and a lookup is a scan of a
/// cache line or two.
/// </summary>
internal sealed class HoldingTable
{
    private int[] _frameworks = new int[2];
    private Holding[] _holdings = new Holding[2];

    public int Count { get; private set; }

    public bool TryGetValue(int framework, out Holding holding)
    {
        int at = IndexOf(framework);
        holding = at >= 0 ? _holdings[at] : default;
        return at >= 0;
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
            _holdings[at] = holding;
            return;
        }
        if (Count == _frameworks.Length)
        {
            Array.Resize(ref _frameworks, Count * 2);
            Array.Resize(ref _holdings, Count * 2);
        }
        int insert = Count;
        while (insert > 0 && _frameworks[insert - 1] > framework)
        {
            _frameworks[insert] = _frameworks[insert - 1];
            _holdings[insert] = _holdings[insert - 1];
            insert--;
        }
        _frameworks[insert] = framework;
        _holdings[insert] = holding;
        Count++;
    }

    /// <summary>A copy in framework id order, so the caller may change the table while going through it.</summary>
    public (int Framework, Holding Holding)[] ToArray()
    {
        var items = new (int, Holding)[Count];
        for (int i = 0; i < Count; i++) items[i] = (_frameworks[i], _holdings[i]);
        return items;
    }

    private int IndexOf(int framework)
    {
        for (int i = 0; i < Count; i++)
            if (_frameworks[i] == framework) return i;
        return -1;
    }

    private void RemoveAt(int at)
    {
        Count--;
        Array.Copy(_frameworks, at + 1, _frameworks, at, Count - at);
        Array.Copy(_holdings, at + 1, _holdings, at, Count - at);
        _holdings[Count] = default;
    }
}
