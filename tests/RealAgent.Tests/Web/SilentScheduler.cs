using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;

namespace ClusterSim.RealAgent.Tests.Web;

/// <summary>A framework's scheduler that holds every offer it gets and says nothing: the test accepts for it.</summary>
public sealed class SilentScheduler : ISchedulerLink
{
    public void ResourceOffers(IReadOnlyList<Offer> offers)
    {
    }

    public void OfferRescinded(OfferId offer)
    {
    }

    public void StatusUpdate(StatusUpdate update)
    {
    }
}
