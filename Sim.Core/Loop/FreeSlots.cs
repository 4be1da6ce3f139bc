namespace ClusterSim.Core.Loop;

/// <summary>
/// The places of a table whose places are reused (the loop's event slots, the master's offer book and live
/// tasks, a framework's live tasks at the master and in the framework): a freed place is taken again, last
/// freed first, before a place never used. Freed places are a stack of their numbers rather than a chain
/// through the free places themselves: taking from a chain reads the place's link, a cache miss the next use
/// waits for (perf, scale-100k: 2% of the run in the offer book), where the top of this stack is in cache and
/// the place taken is only written. A mutable struct, held in a field that is not readonly, so that it costs no
/// object of its own.
/// </summary>
public struct FreeSlots
{
    private int[]? _slots;
    private int _count;
    private int _used;

    /// <summary>How many places have ever been taken: every place in use or freed is below it.</summary>
    public readonly int Used => _used;

    /// <summary>Takes the place freed last, or else the first place never used (the table grows when that is
    /// its length).</summary>
    public int Take() => _count > 0 ? _slots![--_count] : _used++;

    /// <summary>Frees a place: the next <see cref="Take"/> gives it back.</summary>
    public void Free(int slot)
    {
        if (_slots == null || _count == _slots.Length) Array.Resize(ref _slots, Math.Max(64, 2 * _count));
        _slots[_count++] = slot;
    }
}
