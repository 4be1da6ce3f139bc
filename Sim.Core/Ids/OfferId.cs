namespace ClusterSim.Core.Ids;

/// <summary>An offer, numbered in the order the master made them.</summary>
public readonly record struct OfferId(long Value)
{
    public override string ToString() => "offer#" + Value;
}
