using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Loop;

/// <summary>
/// The simulated loop: virtual time that jumps from event to event. Events run in (time, sequence) order, the
/// sequence being the order they were scheduled in, so the same inputs always give the same run.
/// </summary>
public sealed class SimLoop : ILoop
{
    private readonly EventHeap _heap = new();
    private readonly HashSet<long> _cancelled = [];
    private long _nextSequence;
    private Time _now = Time.Zero;

    public Time Now => _now;

    /// <summary>Events run so far (cancelled ones not counted).</summary>
    public long EventsRun { get; private set; }

    /// <summary>Entries in the event heap, including cancelled ones not yet dropped.</summary>
    public int Pending => _heap.Count;

    public TimerId At(Time at, Action action) => Schedule(at, action, 0);

    public TimerId At(Time at, ITimerHandler handler, long arg) => Schedule(at, handler, arg);

    private TimerId Schedule(Time at, object target, long arg)
    {
        ArgumentNullException.ThrowIfNull(target);
        long ticks = at.Micros < _now.Micros ? _now.Micros : at.Micros;
        long seq = _nextSequence++;
        _heap.Push(new ScheduledEvent(ticks, seq, target, arg));
        return new TimerId(seq);
    }

    public void Cancel(TimerId id)
    {
        if (id.Sequence >= 0 && id.Sequence < _nextSequence && _heap.Count > 0)
            _cancelled.Add(id.Sequence);
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
        DropCancelledHead();
        if (_heap.Count == 0) return false;
        var e = _heap.Pop();
        _now = new Time(e.Ticks);
        EventsRun++;
        if (e.Target is ITimerHandler handler) handler.OnTimer(e.Arg);
        else ((Action)e.Target)();
        if (_heap.Count == 0) _cancelled.Clear();
        return true;
    }

    /// <summary>
    /// Runs every event due up to and including <paramref name="until"/>, then leaves the clock there.
    /// </summary>
    public void RunUntil(Time until)
    {
        while (true)
        {
            DropCancelledHead();
            if (_heap.Count == 0 || _heap.Peek().Ticks > until.Micros) break;
            Step();
        }
        if (until > _now && until != Time.MaxValue) _now = until;
    }

    /// <summary>Runs until no event is left or the next one lies past <paramref name="horizon"/>.</summary>
    public void Run(Time? horizon = null)
    {
        var limit = horizon ?? Time.MaxValue;
        while (true)
        {
            DropCancelledHead();
            if (_heap.Count == 0 || _heap.Peek().Ticks > limit.Micros) return;
            Step();
        }
    }

    /// <summary>Runs every event due at the current instant, including ones they schedule for now.</summary>
    public void RunDueNow() => RunUntil(_now);

    private void DropCancelledHead()
    {
        while (_cancelled.Count > 0 && _heap.Count > 0 && _cancelled.Remove(_heap.Peek().Sequence))
        {
            _heap.Pop();
            if (_heap.Count == 0) _cancelled.Clear();
        }
    }
}
