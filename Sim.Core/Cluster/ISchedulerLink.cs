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
}
