using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;

namespace ClusterSim.RealAgent.Live;

/// <summary>
/// Converts between a live loop's time and the wall clock as Mesos states instants (Unix nanoseconds, its
/// TimeInfo, include/mesos/v1/mesos.proto): maintenance windows come from operators and go to frameworks in
/// wall time, while the master keeps them in loop time (wall time since the loop started, times its scale).
/// Reads the wall clock at each conversion, so it belongs to live code only.
/// </summary>
public sealed class LoopClock(ILoop loop, double timeScale)
{
    private static long NowUnixNanos => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

    /// <summary>The wall instant of loop time <paramref name="at"/>, in Unix nanoseconds.</summary>
    public long UnixNanos(Time at) => NowUnixNanos + (long)((at - loop.Now).Micros * 1000.0 / timeScale);

    /// <summary>The loop time of a wall instant (Unix nanoseconds); past instants map to now or earlier.</summary>
    public Time FromUnixNanos(long nanos)
    {
        // Time + Duration saturates for positive spans only; an instant in the past is a negative one.
        double micros = loop.Now.Micros + (nanos - (double)NowUnixNanos) / 1000.0 * timeScale;
        return micros >= long.MaxValue ? Time.MaxValue : new Time(Math.Max(0, (long)micros));
    }

    /// <summary>Loop time a wall span of <paramref name="nanos"/> takes (forever stays forever).</summary>
    public Duration FromNanos(long nanos) => nanos == long.MaxValue
        ? Duration.Forever
        : Duration.FromMicros((long)Math.Min(nanos / 1000.0 * timeScale, long.MaxValue - 1.0));

    /// <summary>Wall nanoseconds of a loop span.</summary>
    public long Nanos(Duration d) => d.IsForever ? long.MaxValue : (long)(d.Micros * 1000.0 / timeScale);
}
