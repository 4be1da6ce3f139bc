using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;

namespace ClusterSim.Core.Cluster;

/// <summary>
/// How the master reaches a framework's scheduler. Calls arrive on the loop, after the master has finished
/// what produced them; a scheduler answers through the master's framework methods (Accept, Decline, ...).
/// </summary>
public interface ISchedulerLink
{
    void ResourceOffers(IReadOnlyList<Offer> offers);

    void OfferRescinded(OfferId offer);

    void StatusUpdate(StatusUpdate update);
}
