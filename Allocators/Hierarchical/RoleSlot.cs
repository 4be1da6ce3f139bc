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

    /// <summary>Handle in the sorter of the role's siblings: the role sorter for a top-level role, else its
    /// parent's <see cref="Children"/>.</summary>
    public int Client { get; } = client;

    /// <summary>The role this one is nested in (<c>eng</c> for <c>eng/frontend</c>).</summary>
    public RoleSlot? Parent { get; init; }

    /// <summary>Orders the roles nested in this one, and this role's own frameworks as one more client
    /// (<see cref="SelfClient"/>, Mesos's virtual leaf "."); null while nothing is nested in it.</summary>
    public ISorter? Children { get; set; }

    /// <summary>Nested roles by their handle in <see cref="Children"/> (null at <see cref="SelfClient"/>).</summary>
    public List<RoleSlot?> ChildrenByClient { get; } = [];

    public int SelfClient { get; set; } = -1;

    /// <summary>What this role and the roles nested in it hold: what its siblings are compared by (kept once
    /// some role is nested; until then it is <see cref="Allocation"/>).</summary>
    public R SubtreeAllocation { get; set; }

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

    /// <summary>Mesos's quota consumption: reservations (allocated or not) plus allocated unreserved resources,
    /// of this role and every role nested in it (hierarchical.cpp: "including all subrole allocations").</summary>
    public R Consumption
    {
        get
        {
            var own = ReservedTotal + AllocatedUnreserved;
            if (Children == null) return own;
            foreach (var child in ChildrenByClient)
                if (child != null) own += child.Consumption;
            return own;
        }
    }

    /// <summary>What of the guarantee is not yet consumed.</summary>
    public R UnsatisfiedGuarantee => Quota.Guarantee.SubtractFloored(Consumption);
}
