using ClusterSim.Core.Loop;
using ClusterSim.Core.Resources;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>
/// Mesos's RefusedOfferFilter: declined resources of one agent that are not offered to the framework again
/// while they contain what would be offered.
/// </summary>
internal sealed class RefusalFilter(Resources refused)
{
    public Resources Refused { get; } = refused;
    public TimerId Expiry { get; set; } = TimerId.None;

    public bool Blocks(Resources offer) => Refused.Contains(offer);
}
