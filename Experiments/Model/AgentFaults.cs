using ClusterSim.Workloads.Synthetic;

namespace ClusterSim.Experiments.Model;

/// <summary>Each selected agent fails after a draw of <see cref="Mtbf"/> (seconds up) and registers again,
/// empty, after a draw of <see cref="Repair"/> (seconds down), independently of the others: an alternating
/// renewal process per agent. <see cref="Groups"/> are the indexes of the cluster groups that fail (null:
/// all).</summary>
public sealed record AgentFaults(Distribution Mtbf, Distribution Repair, IReadOnlyList<int>? Groups);
