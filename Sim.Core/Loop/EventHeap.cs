namespace ClusterSim.Core.Loop;

/// <summary>
/// An array-backed 4-ary min-heap of <see cref="ScheduledEvent"/> values keyed by (ticks, sequence), after
/// .NET's PriorityQueue: no allocation per operation, no virtual call per comparison, and a shallower tree
/// than a binary heap so a pop touches fewer cache lines.
/// </summary>
internal sealed class EventHeap
{
    private ScheduledEvent[] _items = new ScheduledEvent[64];
    private int _count;

    public int Count => _count;

    public ref readonly ScheduledEvent Peek() => ref _items[0];

    public void Push(in ScheduledEvent item)
    {
        if (_count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        int i = _count++;
        var items = _items;
        while (i > 0)
        {
            int parent = (i - 1) >> 2;
            if (!Less(item, items[parent])) break;
            items[i] = items[parent];
            i = parent;
        }
        items[i] = item;
    }

    public ScheduledEvent Pop()
    {
        var items = _items;
        var top = items[0];
        int last = --_count;
        if (last > 0)
        {
            var moving = items[last];
            int i = 0;
            while (true)
            {
                int first = (i << 2) + 1;
                if (first >= last) break;
                int best = first;
                int end = Math.Min(first + 4, last);
                for (int c = first + 1; c < end; c++)
                    if (Less(items[c], items[best])) best = c;
                if (!Less(items[best], moving)) break;
                items[i] = items[best];
                i = best;
            }
            items[i] = moving;
        }
        items[last] = default; // drop the reference so the target can be collected
        return top;
    }

    public void Clear()
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
    }

    private static bool Less(in ScheduledEvent a, in ScheduledEvent b) =>
        a.Ticks < b.Ticks || (a.Ticks == b.Ticks && a.Sequence < b.Sequence);
}
