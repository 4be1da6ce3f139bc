using System.Collections;

namespace ClusterSim.Allocators.Sorting;

/// <summary>
/// A sorter's order of client handles in a circular buffer. A grant usually goes to the first client, whose
/// larger share then puts it near the end: in a list that moves every client in between (a 4 KB copy per
/// grant with 1,000 frameworks, DeclineOffers); here the first slot is dropped by advancing the start and the
/// client is inserted by moving only the few clients behind it. A move shifts whichever side is shorter, so
/// no move costs more than the list's would.
/// </summary>
internal sealed class CircularOrder : IReadOnlyList<int>
{
    private int[] _items = new int[8];
    private int _head;
    private int _mask = 7;

    public int Count { get; private set; }

    public int this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return _items[(_head + index) & _mask];
        }
    }

    /// <summary>The handle at <paramref name="index"/>, which the caller has checked is below <see cref="Count"/>.</summary>
    internal int At(int index) => _items[(_head + index) & _mask];

    /// <summary>Where the handle is, or -1.</summary>
    public int IndexOf(int handle)
    {
        int firstLength = Math.Min(Count, _items.Length - _head);
        int at = _items.AsSpan(_head, firstLength).IndexOf(handle);
        if (at >= 0) return at;
        at = _items.AsSpan(0, Count - firstLength).IndexOf(handle);
        return at >= 0 ? firstLength + at : -1;
    }

    public void Add(int handle) => Insert(Count, handle);

    /// <summary>Inserts the handle so that it is at <paramref name="index"/>.</summary>
    public void Insert(int index, int handle)
    {
        if ((uint)index > (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
        if (Count == _items.Length) Grow();
        if (index < Count - index)
        {
            // The clients before it move one place towards the front.
            _head = (_head - 1) & _mask;
            for (int i = 0; i < index; i++) Set(i, Get(i + 1));
        }
        else
        {
            for (int i = Count; i > index; i--) Set(i, Get(i - 1));
        }
        Set(index, handle);
        Count++;
    }

    public void RemoveAt(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
        if (index < Count - 1 - index)
        {
            for (int i = index; i > 0; i--) Set(i, Get(i - 1));
            _head = (_head + 1) & _mask;
        }
        else
        {
            for (int i = index; i < Count - 1; i++) Set(i, Get(i + 1));
        }
        Count--;
    }

    /// <summary>
    /// Moves the handle at <paramref name="from"/> to <paramref name="to"/>, as a removal at
    /// <paramref name="from"/> followed by an insertion at <paramref name="to"/> would: by shifting the
    /// clients in between, or by a removal and an insertion at the shorter ends, whichever moves fewer.
    /// </summary>
    public void Move(int from, int to)
    {
        if ((uint)from >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(from));
        if ((uint)to >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(to));
        if (from == to) return;
        int between = Math.Abs(to - from);
        int viaEnds = Math.Min(from, Count - 1 - from) + Math.Min(to, Count - 1 - to);
        int handle = Get(from);
        if (viaEnds < between)
        {
            RemoveAt(from);
            Insert(to, handle);
            return;
        }
        if (to > from)
            for (int i = from; i < to; i++) Set(i, Get(i + 1));
        else
            for (int i = from; i > to; i--) Set(i, Get(i - 1));
        Set(to, handle);
    }

    /// <summary>Sorts the handles with the comparison, as <see cref="List{T}.Sort(Comparison{T})"/> on the same
    /// sequence would (the same introspective sort, so equal handles end up alike).</summary>
    public void Sort(Comparison<int> comparison)
    {
        var items = new int[_items.Length];
        for (int i = 0; i < Count; i++) items[i] = Get(i);
        items.AsSpan(0, Count).Sort(comparison);
        _items = items;
        _head = 0;
    }

    public IEnumerator<int> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return Get(i);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int Get(int index) => _items[(_head + index) & _mask];

    private void Set(int index, int handle) => _items[(_head + index) & _mask] = handle;

    private void Grow()
    {
        var items = new int[_items.Length * 2];
        for (int i = 0; i < Count; i++) items[i] = Get(i);
        _items = items;
        _head = 0;
        _mask = items.Length - 1;
    }
}
