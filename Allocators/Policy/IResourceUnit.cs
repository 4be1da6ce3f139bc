using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Policy;

/// <summary>The unit resources are allocated in: exact quantities (Mesos), or whole slots (the Hadoop Fair
/// Scheduler, the DRF paper's baseline).</summary>
internal interface IResourceUnit
{
    /// <summary>False when <see cref="Cut"/> and <see cref="Footprint"/> change nothing, so the allocation
    /// loop can skip them.</summary>
    bool Cuts { get; }

    /// <summary>What a task of this size holds on an agent.</summary>
    R Footprint(R task);

    /// <summary>The part of free unreserved resources an offer may hold.</summary>
    R Cut(R unreserved);
}
