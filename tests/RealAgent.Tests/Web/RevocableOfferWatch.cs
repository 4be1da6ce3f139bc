using ClusterSim.Core.Cluster;
using ClusterSim.Core.Oversubscription;

namespace ClusterSim.RealAgent.Tests.Web;

/// <summary>A master listener that completes <see cref="Made"/> when the master makes an offer of revocable
/// resources: a test waits for that instead of polling the master.</summary>
public sealed class RevocableOfferWatch : IMasterListener
{
    public TaskCompletionSource Made { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void OfferMade(Offer offer)
    {
        if (RevocableResources.IsRevocable(offer)) Made.TrySetResult();
    }
}
