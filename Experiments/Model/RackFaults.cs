using ClusterSim.Workloads.Synthetic;

namespace ClusterSim.Experiments.Model;

/// <summary>Correlated failures: every agent whose <see cref="Attribute"/> has one value fails and is
/// repaired together, each value on its own renewal process.</summary>
public sealed record RackFaults(string Attribute, Distribution Mtbf, Distribution Repair);
