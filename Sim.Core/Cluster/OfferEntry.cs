using ClusterSim.Core.Loop;

namespace ClusterSim.Core.Cluster;

/// <summary>An outstanding offer with its timeout timer, if offers time out.</summary>
internal sealed class OfferEntry(Offer offer)
{
    public Offer Offer { get; } = offer;
    public TimerId Timeout { get; set; } = TimerId.None;

    /// <summary>Neighbours in its framework's <see cref="OfferChain"/>.</summary>
    public OfferEntry? Previous { get; set; }
    public OfferEntry? Next { get; set; }
}
