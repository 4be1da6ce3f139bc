using ClusterSim.Core.Resources;

namespace ClusterSim.Allocators.Sorting;

/// <summary>What a sorter knows of one client.</summary>
internal sealed class SorterClient(string name, double weight)
{
    public string Name { get; } = name;
    public double Weight { get; set; } = weight;
    public Resources Allocation { get; set; }
    public long Count { get; set; }
    public double Share { get; set; }
}
