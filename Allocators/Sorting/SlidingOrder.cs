using System.Collections;

namespace ClusterSim.Allocators.Sorting;

/// <summary>
/// A sorter's order of client handles, kept contiguous inside a larger array with room at both ends. A grant
/// usually goes to the first client, whose larger share then puts it near the end: in a list that moves every
/// client in between (a 4 KB copy per grant with 1,000 frameworks, DeclineOffers); here the first slot is
/// dropped by moving the start one place on, and the client is inserted by moving only the few clients behind
/// it, so the order slides along the array and is moved back to the middle when it reaches an end (one copy
/// per many grants). A move shifts whichever side is shorter, so no move costs more than the list's would.
/// </summary>
internal sealed class SlidingOrder : IReadOnlyList<int>
{
    private int[] _items = new int[16];
    private int _head = 8;

    public int Count { get; private set; }

    public int this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return _items[_head + index];
        }
    }

    /// <summary>The handle at <paramref name="index"/>, which the caller has checked is below <see cref="Count"/>.</summary>
    internal int At(int index) => _items[_head + index];

    /// <summary>Where the handle is, or -1 (a vectorised linear search).</summary>
    public int IndexOf(int handle) => _items.AsSpan(_head, Count).IndexOf(handle);

    public void Add(int handle) => Insert(Count, handle);

    /// <summary>Inserts the handle so that it is at <paramref name="index"/>.</summary>
    public void Insert(int index, int handle)
    {
        if ((uint)index > (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
        if (_head == 0 || _head + Count == _items.Length) Recentre();
        if (index < Count - index)
        {
            // The clients before it move one place towards the front.
            _items.AsSpan(_head, index).CopyTo(_items.AsSpan(_head - 1));
            _head--;
        }
        else
        {
            _items.AsSpan(_head + index, Count - index).CopyTo(_items.AsSpan(_head + index + 1));
        }
        _items[_head + index] = handle;
        Count++;
    }

    public void RemoveAt(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
        if (index < Count - 1 - index)
        {
            _items.AsSpan(_head, index).CopyTo(_items.AsSpan(_head + 1));
            _head++;
        }
        else
        {
            _items.AsSpan(_head + index + 1, Count - 1 - index).CopyTo(_items.AsSpan(_head + index));
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
        int handle = _items[_head + from];
        if (viaEnds < between)
        {
            RemoveAt(from);
            Insert(to, handle);
            return;
        }
        if (to > from) _items.AsSpan(_head + from + 1, between).CopyTo(_items.AsSpan(_head + from));
        else _items.AsSpan(_head + to, between).CopyTo(_items.AsSpan(_head + to + 1));
        _items[_head + to] = handle;
    }

    /// <summary>Sorts the handles with the comparison, as <see cref="List{T}.Sort(Comparison{T})"/> on the same
    /// sequence would (the same introspective sort, so equal handles end up alike).</summary>
    public void Sort(Comparison<int> comparison) => _items.AsSpan(_head, Count).Sort(comparison);

    public IEnumerator<int> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return _items[_head + i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Puts the order back in the middle of the array (a larger one when it is more than half full),
    /// so that both ends have room again.</summary>
    private void Recentre()
    {
        var items = Count + 1 > _items.Length / 2 ? new int[Math.Max(16, _items.Length * 2)] : _items;
        int head = (items.Length - Count) / 2;
        _items.AsSpan(_head, Count).CopyTo(items.AsSpan(head));
        _items = items;
        _head = head;
    }
}
