using ClusterSim.Allocators.Hierarchical;
using ClusterSim.Allocators.Sorting;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Loop;

namespace ClusterSim.Allocators;

/// <summary>
/// The allocation policies an experiment or scenario can name in <c>allocation.policy</c>. All share one
/// mechanism (<see cref="HierarchicalAllocator"/>: offers, filters, quota, reservations); a policy is the
/// order its sorters give, and for two baselines the unit or the set of agents offered.
/// </summary>
public static class AllocationPolicies
{
    /// <summary>Policy names with a one-paragraph description and its source, in the order they are documented.</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> All =
    [
        ("drf", "Mesos's hierarchical weighted Dominant Resource Fairness (the default): roles, then each role's frameworks, lowest weighted dominant share first (Ghodsi et al., NSDI 2011; Mesos's HierarchicalDRFAllocator)."),
        ("random", "Mesos's random sorter: a new weighted random order of roles and frameworks for every agent, ignoring shares (Mesos's RandomSorter)."),
        ("slots", "Slot-based fair sharing as the Hadoop Fair Scheduler did it, the DRF paper's baseline: every agent is cut into fixed slots (allocation.slot), a task occupies whole slots whatever its demand, and roles are ordered by weighted slot share (max-min fairness on slot counts)."),
        ("asset", "Asset fairness, the DRF paper's counterexample (section 2.3): roles are ordered by the sum of their shares of every resource instead of the largest one."),
        ("fifo", "First come, first served with first fit: the oldest framework that wants offers gets every agent first (the order of registration)."),
        ("static", "Static partitioning, the Mesos paper's baseline: each role owns a fixed share of the agents (allocation.partitions) and is offered only those; DRF orders frameworks inside a role."),
    ];

    public static bool IsKnown(string name) => All.Any(p => p.Name == name);

    public static string Names => string.Join(", ", All.Select(p => p.Name));

    /// <summary>Builds the allocator named by <see cref="AllocationOptions.Policy"/>.</summary>
    public static IAllocator Create(ILoop loop, AllocationOptions options, long seed)
    {
        var excluded = options.FairnessExcluded;
        SorterFactory sorters = options.Policy switch
        {
            "drf" or "static" => _ => new DrfSorter(excluded),
            "random" => stream => new RandomSorter(stream),
            "asset" => _ => new FairShareSorter(ShareMeasures.Asset(excluded)),
            "slots" => _ => new FairShareSorter(ShareMeasures.Slots(options.Slot
                ?? throw new ArgumentException("the slots policy needs allocation.slot, e.g. \"cpus:1;mem:2048\""))),
            "fifo" => _ => new FifoSorter(),
            _ => throw new ArgumentException($"unknown allocation policy '{options.Policy}', expected one of: {Names}"),
        };
        if (options.Policy == "static" && options.Partitions == null)
            throw new ArgumentException("the static policy needs allocation.partitions, e.g. { analytics: 0.5, web: 0.5 }");
        if (options.Policy != "slots") options = options with { Slot = null };
        if (options.Policy != "static") options = options with { Partitions = null };
        return new HierarchicalAllocator(loop, options, sorters, seed);
    }
}
