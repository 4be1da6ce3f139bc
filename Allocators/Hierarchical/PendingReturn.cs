using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>A return (a declined or unused offer) accepted by <see cref="HierarchicalAllocator.Recover"/> whose
/// bookkeeping on the agent is still to be done, with the filter it installs (null: none), already staged.</summary>
internal readonly struct PendingReturn(FrameworkSlot framework, AgentSlot agent, R resources, R reserved, RefusalFilter? filter)
{
    public readonly FrameworkSlot Framework = framework;
    public readonly AgentSlot Agent = agent;
    public readonly R Resources = resources;
    public readonly R Reserved = reserved;
    public readonly RefusalFilter? Filter = filter;
}
