using ClusterSim.Core.Timing;

namespace ClusterSim.Workloads.Traces;

/// <summary>
/// Options every reader honours: which part of the trace to replay, which jobs, and how fast.
/// </summary>
public sealed record TraceOptions
{
    public static readonly TraceOptions Default = new();

    /// <summary>Start of the window, relative to the trace's own time zero. Output times are relative to it.</summary>
    public Duration From { get; init; } = Duration.Zero;

    /// <summary>End of the window (exclusive), relative to the trace's time zero; <see cref="Duration.Forever"/> for no end.</summary>
    public Duration To { get; init; } = Duration.Forever;

    /// <summary>Fraction of jobs kept, in (0, 1]; a job is kept or not as a whole.</summary>
    public double SampleFraction { get; init; } = 1.0;

    /// <summary>Seed of the sampling: the same seed keeps the same jobs.</summary>
    public long Seed { get; init; }

    /// <summary>Time compression: submit times and durations are divided by it (2 replays twice as fast).</summary>
    public double TimeScale { get; init; } = 1.0;

    /// <summary>Checks the values once, at the edge; readers trust them afterwards.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public TraceOptions Validated()
    {
        if (To <= From)
            throw new ArgumentException($"trace window: expected 'to' after 'from', found from {From}, to {To}");
        if (!(SampleFraction > 0 && SampleFraction <= 1))
            throw new ArgumentException($"sample fraction: expected a number in (0, 1], found {SampleFraction}");
        if (!(TimeScale > 0) || double.IsInfinity(TimeScale))
            throw new ArgumentException($"time scale: expected a positive number, found {TimeScale}");
        return this;
    }
}
