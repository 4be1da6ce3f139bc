using ClusterSim.Workloads.Frameworks;
using ClusterSim.Workloads.Synthetic;

namespace ClusterSim.Workloads.Services;

/// <summary>
/// A service's load as requests: their rate over time (<see cref="PerSecond"/>, requests per second, a
/// non-homogeneous Poisson process), each one's service time in seconds, how they are balanced over the
/// instances, how many one instance serves at once, and how many may wait at one instance (null: no limit)
/// before further ones are dropped.
/// </summary>
public sealed record RequestSettings(LoadCurve PerSecond, Distribution ServiceTime, LoadBalancing Balancer,
    int Concurrency = 1, int? QueueLimit = null)
{
    /// <summary>The offered load in instance-units (rate x mean service time / concurrency), for the columns
    /// the instance-unit model also writes.</summary>
    public LoadCurve OfferedLoad
    {
        get
        {
            double k = ServiceTime.Mean / Concurrency;
            return new LoadCurve(PerSecond.Mean * k, PerSecond.Amplitude * k, PerSecond.Period);
        }
    }

    /// <summary>The highest rate the curve reaches, for thinning.</summary>
    public double PeakPerSecond => Math.Max(0, PerSecond.Mean + Math.Abs(PerSecond.Amplitude));
}
