using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>What one framework holds on one agent, and the part of it reserved for its role.</summary>
internal readonly record struct Holding(R Total, R Reserved)
{
    public R Unreserved => Total - Reserved;
}
