using ClusterSim.Core.Resources;

namespace ClusterSim.Allocators.Sorting;

/// <summary>
/// Dominant Resource Fairness's measure (Ghodsi et al., NSDI 2011), as Mesos's DRFSorter computes it: the
/// largest share, over the scalar resources the cluster has, of (offered + allocated) / cluster total, divided
/// by the client's weight. Resources excluded from fairness (e.g. gpus) are left out.
/// </summary>
public static class DominantShare
{
    public static double Of(Resources allocation, Resources total, double weight, ResourceKindSet excluded) =>
        allocation.MaxShareOf(total, excluded) / weight;
}
