namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>GET /containers/{id}/stats?stream=false: one sample, not a stream.</summary>
public sealed class ContainerStatsParameters
{
    /// <summary>
    /// Answer at once with a single sample (one-shot=true) instead of waiting about a second for a second
    /// sample to fill precpu_stats; a caller that computes CPU rates from its own previous sample wants this.
    /// </summary>
    public bool OneShot { get; set; }
}
