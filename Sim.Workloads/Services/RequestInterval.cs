namespace ClusterSim.Workloads.Services;

/// <summary>A service's requests over one sampling interval: arrived, completed (by their departure) and
/// dropped, the completed ones' mean and 95th percentile latency (s), and the utilisation of the serving
/// instances (work admitted over their capacity; NaN when none served).</summary>
public readonly record struct RequestInterval(long Arrived, long Completed, long Dropped, double LatencyMean,
    double LatencyP95, double Utilisation);
