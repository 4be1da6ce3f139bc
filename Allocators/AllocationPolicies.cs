using ClusterSim.Allocators.Hierarchical;
using ClusterSim.Allocators.Policy;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Loop;

namespace ClusterSim.Allocators;

/// <summary>
/// The allocation policies an experiment or scenario can name in <c>allocation.policy</c>: shorthands for a
/// role sorter and a framework sorter (<c>roleSorter</c>, <c>frameworkSorter</c> override either), and for the
/// two baselines' policy objects. All share one mechanism (<see cref="HierarchicalAllocator"/>: offers,
/// filters, quota, reservations).
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

    /// <summary>The role sorter and framework sorter a shorthand stands for.</summary>
    public static (string Role, string Framework) SortersOf(string shorthand) => shorthand switch
    {
        "drf" or "static" => ("drf", "drf"),
        "random" or "slots" or "asset" or "fifo" => (shorthand, shorthand),
        _ => throw new ArgumentException($"unknown allocation policy '{shorthand}', expected one of: {Names}"),
    };

    /// <summary>Builds the allocator of <paramref name="policy"/>.</summary>
    public static IAllocator Create(ILoop loop, AllocationOptions options, AllocationPolicy policy, long seed)
    {
        if (policy.Partitioned && policy.Partitions == null)
            throw new ArgumentException("the static policy needs allocation.partitions, e.g. { analytics: 0.5, web: 0.5 }");
        if (policy.UsesSlots && policy.Slot == null)
            throw new ArgumentException("the slots sorter needs allocation.slot, e.g. \"cpus:1;mem:2048\"");
        var roles = Sorters.Factory(policy.RoleSorter, policy);
        var frameworks = Sorters.Factory(policy.FrameworkSorter, policy);
        IAgentSharing sharing = policy.Partitioned ? new StaticPartition(policy.Partitions!) : SharedAgents.Instance;
        IResourceUnit unit = policy.UsesSlots ? new SlotUnit(policy.Slot!.Value) : ExactResources.Instance;
        return new HierarchicalAllocator(loop, options, new PolicyObjects(roles, frameworks, sharing, unit,
            policy.FairnessExcluded), seed);
    }

    /// <summary>The allocator of the default policy (DRF for roles and frameworks).</summary>
    public static IAllocator Create(ILoop loop, AllocationOptions options, long seed) =>
        Create(loop, options, AllocationPolicy.Default, seed);
}
