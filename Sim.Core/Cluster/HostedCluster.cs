using ClusterSim.Core.Allocation;
using ClusterSim.Core.Loop;

namespace ClusterSim.Core.Cluster;

/// <summary>
/// A master in this process with the allocator it is given: what every simulation runs, what
/// <c>run --live</c> hosts when it has no standing master, and what the standing <c>clustersim master</c>
/// daemon serves over HTTP. One construction for all three, so the master a simulation validates is the one
/// that runs live. Frameworks in this process connect through in-process drivers.
/// </summary>
public sealed class HostedCluster : IClusterEndpoint
{
    /// <summary>Builds the master over <paramref name="allocator"/> with the roles' weights and quota set
    /// before anything registers. The master's allocation timer starts with <see cref="Start"/>, so
    /// listeners can be added first.</summary>
    public HostedCluster(ILoop loop, IAllocator allocator, AllocationOptions options,
        IReadOnlyDictionary<string, RoleSpec>? roles = null)
    {
        foreach (var (role, spec) in roles ?? new Dictionary<string, RoleSpec>())
        {
            allocator.UpdateWeight(role, spec.Weight);
            if (spec.Quota != Quota.None) allocator.SetQuota(role, spec.Quota);
        }
        Master = new Master(loop, allocator, options);
    }

    public Master Master { get; }

    /// <summary>Starts the master's periodic allocation.</summary>
    public void Start() => Master.Start();

    public ISchedulerDriver Connect(string framework) => new InProcessSchedulerDriver(Master);

    public Resources.Resources Capacity => Master.Allocator.Total;
}
