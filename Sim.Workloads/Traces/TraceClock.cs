using ClusterSim.Core.Timing;

namespace ClusterSim.Workloads.Traces;

/// <summary>
/// Maps trace time (microseconds since the trace's time zero) to replay time: relative to the window start
/// (<see cref="TraceOptions.From"/>) and divided by <see cref="TraceOptions.TimeScale"/>.
/// </summary>
internal sealed class TraceClock(TraceOptions options)
{
    public long FromMicros { get; } = options.From.Micros;
    public long ToMicros { get; } = options.To.Micros;

    public bool InWindow(long traceMicros) => traceMicros >= FromMicros && traceMicros < ToMicros;

    public Time ToReplay(long traceMicros) =>
        new((long)Math.Round((traceMicros - FromMicros) / options.TimeScale));

    public Duration Scale(Duration traceDuration) => traceDuration.Scale(options.TimeScale);
}
