namespace ClusterSim.Core.Cluster;

/// <summary>An operation a framework applies to its offer before launching tasks on it (Mesos's
/// Offer.Operation RESERVE and UNRESERVE), for its own role.</summary>
public sealed record OfferOperation(OfferOperationKind Kind, Resources.Resources Resources)
{
    public static OfferOperation Reserve(Resources.Resources resources) => new(OfferOperationKind.Reserve, resources);
    public static OfferOperation Unreserve(Resources.Resources resources) => new(OfferOperationKind.Unreserve, resources);
}
