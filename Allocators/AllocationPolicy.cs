using ClusterSim.Core.Resources;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators;

/// <summary>
/// What an allocator decides by, as Mesos composes its allocator: a sorter for roles and a sorter for the
/// frameworks inside each role, chosen separately (Mesos's --role_sorter and --framework_sorter,
/// src/master/allocator/mesos/hierarchical.hpp, HierarchicalAllocatorProcess's two sorter factories), plus the
/// two baselines' policy objects: the agents each role may be offered (static partitions) and the unit
/// resources are allocated in (slots). Validated once at the edge; <see cref="AllocationPolicies"/> builds it.
/// </summary>
public sealed record AllocationPolicy
{
    /// <summary>The <c>policy</c> shorthand it was made from: drf, random, slots, asset, fifo or static.</summary>
    public string Shorthand { get; init; } = "drf";

    /// <summary>Orders roles (one of <see cref="Sorters.All"/>).</summary>
    public string RoleSorter { get; init; } = "drf";

    /// <summary>Orders the frameworks of each role (one of <see cref="Sorters.All"/>).</summary>
    public string FrameworkSorter { get; init; } = "drf";

    /// <summary>Resources left out of fair shares (Mesos's --fair_sharing_excluded_resource_names).</summary>
    public ResourceKindSet FairnessExcluded { get; init; }

    /// <summary>The slot every agent is cut into, read when a sorter is <c>slots</c>: tasks then hold whole
    /// slots and offers are whole slots.</summary>
    public R? Slot { get; init; }

    /// <summary>The fraction of agents each role owns under the <c>static</c> shorthand.</summary>
    public IReadOnlyDictionary<string, double>? Partitions { get; init; }

    public static readonly AllocationPolicy Default = new();

    /// <summary>Whether allocation is in whole slots (a sorter measures slot shares).</summary>
    public bool UsesSlots => RoleSorter == "slots" || FrameworkSorter == "slots";

    /// <summary>Whether each role is offered only the agents it owns.</summary>
    public bool Partitioned => Shorthand == "static";

    /// <summary>The name reports show: the shorthand, or the shorthand with the sorters that override it.</summary>
    public string Name
    {
        get
        {
            var (role, framework) = AllocationPolicies.SortersOf(Shorthand);
            if (role == RoleSorter && framework == FrameworkSorter) return Shorthand;
            var sorters = $"{RoleSorter}/{FrameworkSorter}";
            return Partitioned ? $"static {sorters}" : sorters;
        }
    }

    /// <summary>The policy a shorthand stands for (its sorters; a slots or static policy still needs its
    /// slot or partitions).</summary>
    public static AllocationPolicy Named(string shorthand)
    {
        var (role, framework) = AllocationPolicies.SortersOf(shorthand);
        return new AllocationPolicy { Shorthand = shorthand, RoleSorter = role, FrameworkSorter = framework };
    }
}
