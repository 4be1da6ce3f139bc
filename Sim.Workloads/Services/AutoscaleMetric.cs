namespace ClusterSim.Workloads.Services;

/// <summary>What a request-driven autoscaler reads, over the period since its last evaluation.</summary>
public enum AutoscaleMetric
{
    /// <summary>Work offered (the service times of the requests admitted) over the serving instances'
    /// capacity (instance-seconds x concurrency). It exceeds 1 when the service is overloaded, which lets
    /// target tracking scale out in one step.</summary>
    Utilisation,

    /// <summary>The 95th percentile latency, in seconds, of the requests completed.</summary>
    LatencyP95,
}
