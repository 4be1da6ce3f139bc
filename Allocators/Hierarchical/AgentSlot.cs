using ClusterSim.Core.Agents;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Resources;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>The allocator's view of one agent: its total, what is allocated (offered or used), and to whom.</summary>
internal sealed class AgentSlot(AgentId id, AgentInfo info)
{
    public AgentId Id { get; } = id;
    public AgentInfo Info { get; } = info;
    public Resources Total { get; } = info.Total.Total;
    public Resources Allocated { get; set; }
    public bool HasGpus => Total.Gpus > 0;

    /// <summary>Per framework (by id value), what it holds here; ordered so removal is deterministic.</summary>
    public SortedDictionary<int, Resources> ByFramework { get; } = [];

    public Resources Available => Total - Allocated;
}
