using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;

namespace ClusterSim.Experiments.Faults;

/// <summary>The master's events to one framework, each delivered over <paramref name="line"/> (after a
/// drawn delay, in order). The subscription's answer is immediate, as the driver's subscribe is.</summary>
public sealed class DelayedSchedulerLink(ISchedulerLink inner, MessageLine line) : ISchedulerLink
{
    public void Subscribed(FrameworkId framework) => inner.Subscribed(framework);

    public void Error(string message) => line.Send(() => inner.Error(message));

    public void ResourceOffers(IReadOnlyList<Offer> offers) => line.Send(() => inner.ResourceOffers(offers));

    public void OfferRescinded(OfferId offer) => line.Send(() => inner.OfferRescinded(offer));

    public void StatusUpdate(StatusUpdate update) => line.Send(() => inner.StatusUpdate(update));

    public void InverseOffers(IReadOnlyList<InverseOffer> offers) => line.Send(() => inner.InverseOffers(offers));

    public void InverseOfferRescinded(OfferId offer) => line.Send(() => inner.InverseOfferRescinded(offer));
}
