using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Cluster;

/// <summary>A maintenance window of an agent (Mesos's Unavailability): from <see cref="Start"/>, for
/// <see cref="Duration"/> (forever when unbounded).</summary>
public sealed record Unavailability(Time Start, Duration Duration)
{
    public override string ToString() => $"unavailable from {Start} for {Duration}";
}
