using ClusterSim.Core.Resources;

namespace ClusterSim.Core.Cluster;

/// <summary>What a framework says when it registers: a name unique in the cluster, the one role it
/// subscribes with, its capabilities (e.g. "gpu", Mesos's GPU_RESOURCES) and, optionally, the smallest offer
/// it wants (Mesos's per-framework min_allocatable_resources).</summary>
public sealed record FrameworkInfo(string Name, string Role)
{
    public IReadOnlySet<string> Capabilities { get; init; } = new SortedSet<string>(StringComparer.Ordinal);
    public MinAllocatable? MinAllocatable { get; init; }

    public bool HasCapability(string capability) => Capabilities.Contains(capability);
}
