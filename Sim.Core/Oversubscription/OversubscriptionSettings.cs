using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Oversubscription;

/// <summary>
/// An experiment's oversubscription: every <see cref="EstimatorInterval"/> each agent's resource estimator
/// reports <see cref="OfferedFraction"/> of its slack (what regular tasks are allocated but do not use) as
/// revocable (Mesos's --oversubscribed_resources_interval, default 15s, src/slave/slave.cpp
/// forwardOversubscribed); the QoS controller evicts revocable tasks when an agent's usage of some resource
/// exceeds <see cref="QosThreshold"/> of its capacity, checked every <see cref="QosInterval"/> (zero: whenever
/// usage rises, i.e. at each launch; Mesos's --qos_correction_interval_min defaults to 0s).
/// </summary>
public sealed record OversubscriptionSettings
{
    public Duration EstimatorInterval { get; init; } = Duration.FromSeconds(15);
    public double OfferedFraction { get; init; } = 1.0;
    public double QosThreshold { get; init; } = 1.0;
    public Duration QosInterval { get; init; } = Duration.Zero;
    public EvictionRule Eviction { get; init; } = EvictionRule.All;
}
