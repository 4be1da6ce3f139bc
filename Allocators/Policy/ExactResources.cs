using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Policy;

/// <summary>Resources are allocated in exactly the quantities asked and free, as in Mesos.</summary>
internal sealed class ExactResources : IResourceUnit
{
    public static readonly ExactResources Instance = new();

    public bool Cuts => false;

    public R Footprint(R task) => task;

    public R Cut(R unreserved) => unreserved;
}
