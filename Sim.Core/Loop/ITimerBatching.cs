using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Loop;

/// <summary>
/// What a loop tells a caller that arms many timers for one instant and would rather run them as one event,
/// without moving anything relative to anything else. Timers due at one instant run in the order they were
/// armed, so later members may join one armed timer (and run when it runs) for as long as no other timer has
/// been armed for that instant since the previous member joined: then the members would have run one after
/// another anyway. The simulated loop implements it (refusal filters expire in batches through it); a caller
/// on a loop that does not arms a timer each.
/// </summary>
public interface ITimerBatching
{
    /// <summary>How many timers have been armed so far: a mark in arming order, for <see cref="MayHaveArmedSince"/>.</summary>
    long Armed { get; }

    /// <summary>
    /// Whether a timer due at <paramref name="at"/> may have been armed since <paramref name="mark"/> (a value of
    /// <see cref="Armed"/>). Never false when one was; it may say true when none was, which only costs a batch.
    /// </summary>
    bool MayHaveArmedSince(Time at, long mark);

    /// <summary>Counts <paramref name="timers"/> more timers as run: those a batch ran beyond its own, so that the
    /// loop's count of events run is what a timer each would have given.</summary>
    void CountRun(int timers);
}
