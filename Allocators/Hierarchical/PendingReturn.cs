using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>A return (a declined or unused offer) accepted by <see cref="HierarchicalAllocator.Recover"/> whose
/// bookkeeping on the agent is still to be done, with the filter it installs (null: none), already staged.
/// Mutable fields, written and read in place in the allocator's ring: a value built and copied whole is a
/// stack temporary holding references, which the JIT zeroes on every call.</summary>
internal struct PendingReturn
{
    public FrameworkSlot Framework;
    /// <summary>The agent's id; its record is looked up a few returns later (null until then).</summary>
    public int AgentId;
    public AgentSlot? Agent;
    public R Resources;
    public R Reserved;
    public RefusalFilter? Filter;
}
