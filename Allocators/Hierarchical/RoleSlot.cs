using ClusterSim.Allocators.Sorting;
using ClusterSim.Core.Allocation;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>The allocator's view of one role: weight, quota, its frameworks' sorter, what it holds and what is
/// reserved for it.</summary>
internal sealed class RoleSlot(string name, double weight, int client, ISorter frameworks)
{
    public string Name { get; } = name;
    public double Weight { get; set; } = weight;
    public Quota Quota { get; set; } = Quota.None;

    /// <summary>Handle in the role sorter.</summary>
    public int Client { get; } = client;

    public ISorter Frameworks { get; } = frameworks;

    /// <summary>Frameworks by their handle in <see cref="Frameworks"/>.</summary>
    public List<FrameworkSlot?> ByClient { get; } = [];

    public int FrameworkCount { get; set; }

    /// <summary>Offered to or used by the role's frameworks, reserved or not: what its share measures.</summary>
    public R Allocation { get; set; }

    /// <summary>The unreserved part of <see cref="Allocation"/>.</summary>
    public R AllocatedUnreserved { get; set; }

    /// <summary>Everything reserved for the role on all agents, allocated or not.</summary>
    public R ReservedTotal { get; set; }

    /// <summary>Mesos's quota consumption: reservations (allocated or not) plus allocated unreserved resources.</summary>
    public R Consumption => ReservedTotal + AllocatedUnreserved;

    /// <summary>What of the guarantee is not yet consumed.</summary>
    public R UnsatisfiedGuarantee => Quota.Guarantee.SubtractFloored(Consumption);
}
