using ClusterSim.Allocators.Hierarchical;
using ClusterSim.Allocators.Sorting;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Loop;

namespace ClusterSim.Allocators;

/// <summary>The allocation policies an experiment or scenario can name in <c>allocation.policy</c>.</summary>
public static class AllocationPolicies
{
    /// <summary>Policy names with a one-line description, in the order they are documented.</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> All =
    [
        ("drf", "Mesos's hierarchical weighted Dominant Resource Fairness (the default)"),
        ("random", "Mesos's random sorter: a weighted random order of roles and frameworks for every agent"),
    ];

    public static bool IsKnown(string name) => All.Any(p => p.Name == name);

    public static string Names => string.Join(", ", All.Select(p => p.Name));

    /// <summary>Builds the allocator named by <see cref="AllocationOptions.Policy"/>.</summary>
    public static IAllocator Create(ILoop loop, AllocationOptions options, long seed) => options.Policy switch
    {
        "drf" => new HierarchicalAllocator(loop, options, _ => new DrfSorter(options.FairnessExcluded), seed),
        "random" => new HierarchicalAllocator(loop, options, stream => new RandomSorter(stream), seed),
        _ => throw new ArgumentException($"unknown allocation policy '{options.Policy}', expected one of: {Names}"),
    };
}
