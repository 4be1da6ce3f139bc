using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;

namespace ClusterSim.Core.Cluster;

/// <summary>
/// How the master reaches a framework's scheduler. Calls arrive on the loop, after the master has finished
/// what produced them; a scheduler answers through its <see cref="ISchedulerDriver"/>.
/// </summary>
public interface ISchedulerLink
{
    /// <summary>The master accepted the subscription and gave the framework this id.</summary>
    void Subscribed(FrameworkId framework)
    {
    }

    /// <summary>The master refused a call or dropped the framework (Mesos's ERROR event).</summary>
    void Error(string message)
    {
    }

    void ResourceOffers(IReadOnlyList<Offer> offers);

    void OfferRescinded(OfferId offer);

    void StatusUpdate(StatusUpdate update);

    /// <summary>Maintenance is scheduled on agents where the framework holds resources (Mesos's
    /// INVERSE_OFFERS event); a framework that does not answer keeps them outstanding.</summary>
    void InverseOffers(IReadOnlyList<InverseOffer> offers)
    {
    }

    /// <summary>The maintenance window changed or was cancelled: the inverse offer is void.</summary>
    void InverseOfferRescinded(OfferId offer)
    {
    }
}
