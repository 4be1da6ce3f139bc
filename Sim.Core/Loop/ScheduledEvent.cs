namespace ClusterSim.Core.Loop;

/// <summary>One pending event: when, in what order among events at the same instant, and what to run.
/// <see cref="Target"/> is an <see cref="Action"/> or an <see cref="ITimerHandler"/> given <see cref="Arg"/>.</summary>
internal readonly struct ScheduledEvent(long ticks, long sequence, object target, long arg)
{
    public readonly long Ticks = ticks;
    public readonly long Sequence = sequence;
    public readonly object Target = target;
    public readonly long Arg = arg;
}
