using ClusterSim.Core.Timing;

namespace ClusterSim.Workloads.Services;

/// <summary>A request-driven service's autoscaler: its policy, evaluated every <see cref="Every"/>, and the
/// time after a scaling action during which it takes no other (AWS's cooldown).</summary>
public sealed record RequestAutoscale(IScalingPolicy Policy, Duration Every, Duration Cooldown);
