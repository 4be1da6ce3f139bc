using ClusterSim.Allocators.Sorting;
using ClusterSim.Core.Resources;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>The allocator's view of one role: its weight, its frameworks' sorter and what they hold.</summary>
internal sealed class RoleSlot(string name, double weight, int client, ISorter frameworks)
{
    public string Name { get; } = name;
    public double Weight { get; set; } = weight;

    /// <summary>Handle in the role sorter.</summary>
    public int Client { get; } = client;

    public ISorter Frameworks { get; } = frameworks;

    /// <summary>Frameworks by their handle in <see cref="Frameworks"/>.</summary>
    public List<FrameworkSlot?> ByClient { get; } = [];

    public int FrameworkCount { get; set; }
    public Resources Allocation { get; set; }
}
