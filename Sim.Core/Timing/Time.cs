using System.Globalization;

namespace ClusterSim.Core.Timing;

/// <summary>
/// An instant of simulated (or, in live mode, scaled wall-clock) time, in microseconds since the run started.
/// Microseconds because the traces we replay (Google 2011) are recorded in microseconds.
/// </summary>
public readonly record struct Time(long Micros) : IComparable<Time>
{
    public static readonly Time Zero = new(0);
    public static readonly Time MaxValue = new(long.MaxValue);

    public double Seconds => Micros / 1_000_000.0;

    public static Time FromSeconds(double seconds) => new(checked((long)Math.Round(seconds * 1_000_000.0)));

    public static Time operator +(Time t, Duration d) =>
        d.IsForever || t.Micros > long.MaxValue - d.Micros ? MaxValue : new(t.Micros + d.Micros);

    public static Time operator -(Time t, Duration d) => new(t.Micros - d.Micros);
    public static Duration operator -(Time a, Time b) => new(a.Micros - b.Micros);
    public static bool operator <(Time a, Time b) => a.Micros < b.Micros;
    public static bool operator >(Time a, Time b) => a.Micros > b.Micros;
    public static bool operator <=(Time a, Time b) => a.Micros <= b.Micros;
    public static bool operator >=(Time a, Time b) => a.Micros >= b.Micros;

    public int CompareTo(Time other) => Micros.CompareTo(other.Micros);

    public static Time Max(Time a, Time b) => a.Micros >= b.Micros ? a : b;
    public static Time Min(Time a, Time b) => a.Micros <= b.Micros ? a : b;

    public override string ToString() =>
        this == MaxValue ? "end" : Seconds.ToString("0.######", CultureInfo.InvariantCulture) + "s";
}
