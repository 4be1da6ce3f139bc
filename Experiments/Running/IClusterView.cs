using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Resources;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Experiments.Running;

/// <summary>
/// What the recorder and the sampler read about the cluster besides the frameworks' own events: the clock,
/// the cluster's size, what each framework holds (in use plus offered), and the roles' weights. In a run
/// that hosts its master this is the master's own books (<see cref="MasterView"/>); against a standing master
/// it is what the run's frameworks saw and what the master's /state says of the agents
/// (<see cref="RemoteClusterView"/>).
/// </summary>
public interface IClusterView
{
    ILoop Loop { get; }

    /// <summary>The resources of the agents registered now.</summary>
    R Total { get; }

    /// <summary>Everything held by the run's frameworks: in use by tasks and offered.</summary>
    R Allocated { get; }

    int OutstandingOffers { get; }

    bool IsRegistered(FrameworkId framework);

    R Allocation(FrameworkId framework);

    /// <summary>What a framework holds in one of its roles (tasks and offers; Mesos's per (framework, role)).</summary>
    R Allocation(FrameworkId framework, string role);

    /// <summary>The role's weight (1 unless set).</summary>
    double Weight(string role);

    /// <summary>Resources left out of dominant shares (the policy's fairnessExcludedResources).</summary>
    ResourceKindSet FairnessExcluded { get; }
}
