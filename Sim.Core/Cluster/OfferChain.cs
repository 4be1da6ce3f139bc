namespace ClusterSim.Core.Cluster;

/// <summary>
/// A framework's outstanding offers in the order they were made, linked through the entries: a framework that
/// holds many offers (a gang scheduler gathering agents) has one removed in O(1) and with no allocation.
/// </summary>
internal sealed class OfferChain
{
    private OfferEntry? _head, _tail;

    public int Count { get; private set; }

    public void Add(OfferEntry entry)
    {
        entry.Previous = _tail;
        entry.Next = null;
        if (_tail != null) _tail.Next = entry;
        else _head = entry;
        _tail = entry;
        Count++;
    }

    public void Remove(OfferEntry entry)
    {
        if (entry.Previous != null) entry.Previous.Next = entry.Next;
        else _head = entry.Next;
        if (entry.Next != null) entry.Next.Previous = entry.Previous;
        else _tail = entry.Previous;
        entry.Previous = entry.Next = null;
        Count--;
    }

    /// <summary>A copy, oldest first, so the caller may remove offers while going through it.</summary>
    public OfferEntry[] ToArray()
    {
        var items = new OfferEntry[Count];
        int i = 0;
        for (var e = _head; e != null; e = e.Next) items[i++] = e;
        return items;
    }
}
