using ClusterSim.Core.Timing;

namespace ClusterSim.Workloads.Frameworks;

/// <summary>
/// The load offered to a service over time, in instance-units (1 = what one instance serves at full
/// utilisation): a diurnal sine, mean + amplitude x sin(2 pi t / period), never below zero.
/// </summary>
public sealed record LoadCurve(double Mean, double Amplitude, Duration Period)
{
    public static LoadCurve Constant(double load) => new(load, 0, Duration.FromHours(24));

    public double At(Time t)
    {
        if (Amplitude == 0 || Period.Micros <= 0) return Math.Max(0, Mean);
        double phase = 2 * Math.PI * (t.Micros % Period.Micros) / Period.Micros;
        return Math.Max(0, Mean + Amplitude * Math.Sin(phase));
    }

    /// <summary>The curve at <paramref name="seconds"/> into the run, without rounding to the microsecond
    /// (request arrivals are drawn in continuous time).</summary>
    public double AtSeconds(double seconds)
    {
        if (Amplitude == 0 || Period.Micros <= 0) return Math.Max(0, Mean);
        double period = Period.Seconds;
        double phase = 2 * Math.PI * (seconds % period) / period;
        return Math.Max(0, Mean + Amplitude * Math.Sin(phase));
    }
}
