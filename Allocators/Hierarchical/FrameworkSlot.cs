using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Resources;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>The allocator's view of one framework.</summary>
internal sealed class FrameworkSlot(FrameworkId id, FrameworkInfo info, RoleSlot role, int client)
{
    public FrameworkId Id { get; } = id;
    public FrameworkInfo Info { get; } = info;
    public RoleSlot Role { get; } = role;

    /// <summary>Handle in the role's framework sorter.</summary>
    public int Client { get; } = client;

    public bool Suppressed { get; set; }
    public bool GpuCapable { get; } = info.HasCapability("gpu");
    public Resources Allocation { get; set; }

    /// <summary>Refusal filters by agent id value: the newest, linked to the older ones.</summary>
    public Dictionary<int, RefusalFilter> Filters { get; } = [];
}
