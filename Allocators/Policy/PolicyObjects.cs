using ClusterSim.Allocators.Sorting;
using ClusterSim.Core.Resources;

namespace ClusterSim.Allocators.Policy;

/// <summary>What <see cref="Hierarchical.HierarchicalAllocator"/> is built from besides its mechanism: the
/// sorters for roles and for each role's frameworks, which agents each role may be offered, the unit of
/// allocation, and the resources fair shares leave out.</summary>
public sealed class PolicyObjects
{
    internal PolicyObjects(SorterFactory roleSorter, SorterFactory frameworkSorter, IAgentSharing sharing,
        IResourceUnit unit, ResourceKindSet fairnessExcluded)
    {
        RoleSorter = roleSorter;
        FrameworkSorter = frameworkSorter;
        Sharing = sharing;
        Unit = unit;
        FairnessExcluded = fairnessExcluded;
    }

    /// <summary>DRF for roles and frameworks, whole agents shared by every role, exact quantities.</summary>
    public static PolicyObjects Drf(ResourceKindSet fairnessExcluded = default) =>
        new(_ => new DrfSorter(fairnessExcluded), _ => new DrfSorter(fairnessExcluded), SharedAgents.Instance,
            ExactResources.Instance, fairnessExcluded);

    public SorterFactory RoleSorter { get; }
    public SorterFactory FrameworkSorter { get; }
    internal IAgentSharing Sharing { get; }
    internal IResourceUnit Unit { get; }
    public ResourceKindSet FairnessExcluded { get; }
}
