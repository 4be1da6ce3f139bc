namespace ClusterSim.Core.Loop;

/// <summary>
/// The freed places of a table whose places are reused (the loop's event slots, the master's offer book and
/// live tasks, a framework's live tasks), taken last freed first. A stack of their numbers rather than a chain
/// through the free places themselves: taking from a chain reads the place's link, a cache miss the next use
/// waits for (perf, scale-100k: 2% of the run in the offer book), where the top of this stack is in cache and
/// the place taken is only written. A mutable struct, held in a field that is not readonly, so that it costs no
/// object of its own.
/// </summary>
public struct FreeSlots
{
    private int[]? _slots;
    private int _count;

    /// <summary>Takes the place freed last, if any is free.</summary>
    public bool TryTake(out int slot)
    {
        if (_count == 0)
        {
            slot = -1;
            return false;
        }
        slot = _slots![--_count];
        return true;
    }

    /// <summary>Frees a place: the next <see cref="TryTake"/> gives it back.</summary>
    public void Free(int slot)
    {
        if (_slots == null || _count == _slots.Length) Array.Resize(ref _slots, Math.Max(64, 2 * _count));
        _slots[_count++] = slot;
    }
}
