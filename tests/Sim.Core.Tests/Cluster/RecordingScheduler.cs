using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;

namespace ClusterSim.Core.Tests.Cluster;

/// <summary>A framework that only writes down what the master tells it.</summary>
internal sealed class RecordingScheduler : ISchedulerLink
{
    public List<Offer> Offers { get; } = [];
    public List<OfferId> Rescinded { get; } = [];
    public List<StatusUpdate> Updates { get; } = [];
    public List<string> Errors { get; } = [];

    public void ResourceOffers(IReadOnlyList<Offer> offers) => Offers.AddRange(offers);
    public void OfferRescinded(OfferId offer) => Rescinded.Add(offer);
    public void StatusUpdate(StatusUpdate update) => Updates.Add(update);
    public void Error(string message) => Errors.Add(message);
}
