using ClusterSim.Core.Agents;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Cluster;

/// <summary>
/// Observes what the master does, for metrics, logs and scenario checks. Every method has an empty default
/// so a listener implements only what it needs; calls happen on the loop, synchronously, in event order.
/// </summary>
public interface IMasterListener
{
    void AgentAdded(AgentId agent, AgentInfo info) { }
    void AgentRemoved(AgentId agent, AgentInfo info) { }
    void FrameworkAdded(FrameworkId framework, FrameworkInfo info) { }
    void FrameworkRemoved(FrameworkId framework, FrameworkInfo info) { }

    /// <summary>UPDATE_FRAMEWORK changed the framework's roles, capabilities or minimum allocatable resources.</summary>
    void FrameworkUpdated(FrameworkId framework, FrameworkInfo info) { }

    /// <summary>An allocation run finished (or was skipped because nothing could have changed).</summary>
    void AllocationRan(Time at, bool periodic, bool skipped, int offers) { }

    void OfferMade(Offer offer) { }
    void OfferAccepted(Offer offer) { }
    void OfferDeclined(Offer offer, OfferFilter filter) { }

    /// <summary>The master took an offer back: agent lost, weight changed, timed out, or framework removed.</summary>
    void OfferRescinded(Offer offer, string reason) { }

    void InverseOfferMade(InverseOffer offer) { }

    /// <summary>The framework answered an inverse offer: accepted (ready for the window) or declined.</summary>
    void InverseOfferAnswered(InverseOffer offer, bool accepted) { }

    void TaskLaunched(FrameworkId framework, AgentId agent, TaskSpec task, Time at) { }

    /// <summary>A task an agent re-registered with after a failover was taken back, allocated in
    /// <paramref name="role"/> (<see cref="Oversubscription.RevocableResources.Role"/>: on revocable resources).
    /// By default it is seen as a launch.</summary>
    void TaskReadmitted(FrameworkId framework, AgentId agent, TaskSpec task, string role, Time at) => TaskLaunched(framework, agent, task, at);
    void TaskStatusChanged(StatusUpdate status) { }

    /// <summary>A task the master knew (launched or readmitted) ended with <paramref name="status"/> (terminal);
    /// <paramref name="resources"/> are those it was launched with (its spec's), so a listener need keep no map of its own of what each
    /// running task holds. By default it is seen as a status change.</summary>
    void TaskTerminated(StatusUpdate status, Resources.Resources resources) => TaskStatusChanged(status);
}
