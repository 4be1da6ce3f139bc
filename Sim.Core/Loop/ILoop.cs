using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Loop;

/// <summary>
/// What all cluster logic runs on: a clock and timers. The simulated loop runs them in virtual time, the live
/// loop against the wall clock; the master and allocator never know which. Everything scheduled on one loop
/// runs on one thread, one event at a time, in (time, scheduling order).
/// </summary>
public interface ILoop
{
    Time Now { get; }

    /// <summary>Runs <paramref name="action"/> at <paramref name="at"/> (or now, if that is already past).</summary>
    TimerId At(Time at, Action action);

    /// <summary>
    /// Runs <paramref name="handler"/> with <paramref name="arg"/> at <paramref name="at"/>. The allocation-free
    /// form for hot paths: no closure is created per event.
    /// </summary>
    TimerId At(Time at, ITimerHandler handler, long arg);

    /// <summary>Cancels a pending timer; cancelling one that already ran does nothing.</summary>
    void Cancel(TimerId id);
}
