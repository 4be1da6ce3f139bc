using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Cluster;

/// <summary>
/// The filter a framework asks for when it declines (Mesos's Filters.refuse_seconds): do not offer me these
/// resources on this agent again for this long. Mesos's default is 5 s; zero installs no filter.
/// </summary>
public readonly record struct OfferFilter(Duration RefuseFor)
{
    public static readonly OfferFilter Default = new(Duration.FromSeconds(5));
    public static readonly OfferFilter None = new(Duration.Zero);
}
