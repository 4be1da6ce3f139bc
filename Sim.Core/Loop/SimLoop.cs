using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Loop;

/// <summary>
/// The simulated loop: virtual time that jumps from event to event. Events run in (time, sequence) order, the
/// sequence being the order they were scheduled in, so the same inputs always give the same run.
/// </summary>
/// <remarks>
/// An event is two plain values and no object of its own: a 16-byte key in <see cref="EventHeap"/> and a slot
/// in <see cref="_slots"/> naming what to run, so scheduling and running an event allocate nothing once the
/// arrays have grown to the run's size. A cancelled event stays in the heap with an emptied slot and is
/// dropped when it reaches the top.
/// </remarks>
public sealed class SimLoop : ILoop, ITimerBatching
{
    /// <summary>Entries of <see cref="_lastArmed"/>: a power of two.</summary>
    private const int ArmedTableBits = 8;

    private readonly EventHeap _heap = new();
    private EventSlot[] _slots = new EventSlot[64];
    // Freed slots, and how many were ever used (not readonly: a mutable struct).
    private FreeSlots _freeSlots;
    private int _cancelledPending;
    private uint _nextPosition;
    private Time _now = Time.Zero;
    private long _armed;

    /// <summary>
    /// For <see cref="MayHaveArmedSince"/>: by a hash of the due time, the serial (count of timers armed before
    /// it) of the last timer armed for a time with that hash; -1 when none. A collision only makes the answer
    /// "maybe". Two stores per timer, in 2 KB that stay in the cache.
    /// </summary>
    private readonly long[] _lastArmed = NewArmedTable();

    public Time Now => _now;

    /// <summary>Events run so far (cancelled ones not counted).</summary>
    public long EventsRun { get; private set; }

    /// <summary>Entries in the event heap, including cancelled ones not yet dropped.</summary>
    public int Pending => _heap.Count;

    public TimerId At(Time at, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Schedule(at.Micros, null, action, 0);
    }

    public TimerId At(Time at, ITimerHandler handler, long arg)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Schedule(at.Micros, handler, null, arg);
    }

    private TimerId Schedule(long micros, ITimerHandler? handler, Action? action, long arg)
    {
        long ticks = micros < _now.Micros ? _now.Micros : micros;
        // Positions are 32 bits; after four billion events the pending ones are renumbered in order.
        if (_nextPosition == uint.MaxValue) _nextPosition = _heap.Renumber();
        _lastArmed[ArmedIndex(ticks)] = _armed++;
        int slot = TakeSlot();
        ref var s = ref _slots[slot];
        s.Handler = handler;
        s.Action = action;
        s.Arg = arg;
        _heap.Push(new EventKey(ticks, EventKey.Pack(_nextPosition++, slot)));
        return new TimerId(((long)s.Generation << 32) | (uint)slot);
    }

    public long Armed => _armed;

    public bool MayHaveArmedSince(Time at, long mark)
    {
        long ticks = at.Micros < _now.Micros ? _now.Micros : at.Micros;
        return _lastArmed[ArmedIndex(ticks)] >= mark;
    }

    public void CountRun(int timers) => EventsRun += timers;

    /// <summary>Fibonacci hashing: instants a whole number of seconds apart differ only in high bits of their
    /// ticks, which the multiplication carries into the top bits taken here.</summary>
    private static int ArmedIndex(long ticks) => (int)(((ulong)ticks * 0x9E3779B97F4A7C15UL) >> (64 - ArmedTableBits));

    private static long[] NewArmedTable()
    {
        var table = new long[1 << ArmedTableBits];
        Array.Fill(table, -1L);
        return table;
    }

    public void Cancel(TimerId id)
    {
        int slot = (int)(uint)id.Value;
        if ((uint)slot >= (uint)_freeSlots.Used) return;
        ref var s = ref _slots[slot];
        // A slot whose generation moved on holds a later event (or none): the named one already ran.
        if (s.Generation != (uint)((ulong)id.Value >> 32) || (s.Handler == null && s.Action == null)) return;
        s.Handler = null;
        s.Action = null;
        _cancelledPending++;
    }

    /// <summary>The time of the next event that will run, if any.</summary>
    public Time? NextEventTime
    {
        get
        {
            DropCancelledHead();
            return _heap.Count == 0 ? null : new Time(_heap.Peek().Ticks);
        }
    }

    /// <summary>Runs the next event; false when none is left.</summary>
    public bool Step()
    {
        while (_heap.Count > 0)
        {
            // The slot is read before the heap is reordered: at a million pending events it is a cache miss,
            // and issued first it overlaps with the sift-down instead of following it.
            long ticks = _heap.Peek().Ticks;
            int slot = _heap.Peek().Slot;
            ref var s = ref _slots[slot];
            var handler = s.Handler;
            var action = s.Action;
            long arg = s.Arg;
            _heap.Pop();
            Release(ref s, slot);
            if (handler == null && action == null)
            {
                _cancelledPending--;
                continue;
            }
            _now = new Time(ticks);
            EventsRun++;
            if (handler != null) handler.OnTimer(arg);
            else action!();
            return true;
        }
        return false;
    }

    /// <summary>
    /// Runs every event due up to and including <paramref name="until"/>, then leaves the clock there.
    /// </summary>
    public void RunUntil(Time until)
    {
        RunThrough(until.Micros);
        if (until > _now && until != Time.MaxValue) _now = until;
    }

    /// <summary>Runs until no event is left or the next one lies past <paramref name="horizon"/>.</summary>
    public void Run(Time? horizon = null) => RunThrough((horizon ?? Time.MaxValue).Micros);

    /// <summary>Runs every event due at the current instant, including ones they schedule for now.</summary>
    public void RunDueNow() => RunUntil(_now);

    private void RunThrough(long limit)
    {
        while (true)
        {
            DropCancelledHead();
            if (_heap.Count == 0 || _heap.Peek().Ticks > limit) return;
            Step();
        }
    }

    private void DropCancelledHead()
    {
        while (_cancelledPending > 0 && _heap.Count > 0)
        {
            int slot = _heap.Peek().Slot;
            ref var s = ref _slots[slot];
            if (s.Handler != null || s.Action != null) return;
            _heap.Pop();
            Release(ref s, slot);
            _cancelledPending--;
        }
    }

    /// <summary>Moves the next scheduling position on, so tests can reach the 32-bit renumbering without
    /// scheduling four billion events.</summary>
    internal void SkipPositionsTo(uint position) => _nextPosition = position;

    private int TakeSlot()
    {
        int slot = _freeSlots.Take();
        if (slot == _slots.Length) Array.Resize(ref _slots, _slots.Length * 2);
        return slot;
    }

    /// <summary>Empties a slot (dropping its references, so what it ran can be collected) and bumps its
    /// generation, so ids issued for it so far no longer name it.</summary>
    private void Release(ref EventSlot s, int slot)
    {
        s.Handler = null;
        s.Action = null;
        s.Generation++;
        _freeSlots.Free(slot);
    }
}
