namespace ClusterSim.Core.Cluster;

public enum OfferOperationKind
{
    Reserve,
    Unreserve,
}
