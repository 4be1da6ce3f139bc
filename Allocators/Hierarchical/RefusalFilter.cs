using ClusterSim.Core.Loop;
using ClusterSim.Core.Resources;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>
/// Mesos's RefusedOfferFilter: declined resources of one agent that are not offered to the framework again
/// while they contain what would be offered. The filter is its own expiry timer's handler, so installing one
/// (a decline, the most common answer to an offer) allocates nothing else.
/// </summary>
internal sealed class RefusalFilter(Resources refused, FrameworkSlot framework, AgentSlot agent, Action<RefusalFilter> expired)
    : ITimerHandler
{
    public Resources Refused { get; } = refused;
    public FrameworkSlot Framework { get; } = framework;
    public AgentSlot Agent { get; } = agent;
    public TimerId Expiry { get; set; } = TimerId.None;

    /// <summary>Neighbours among the framework's filters on the same agent (newer, older): an agent's filters
    /// are a chain, so installing and expiring one allocates no list.</summary>
    public RefusalFilter? Previous { get; set; }
    public RefusalFilter? Next { get; set; }

    /// <summary>Neighbours among all of the framework's filters (newer, older), so that a revive finds them
    /// without looking at every agent.</summary>
    public RefusalFilter? NewerOfFramework { get; set; }
    public RefusalFilter? OlderOfFramework { get; set; }

    public bool Blocks(Resources offer) => Refused.Contains(offer);

    void ITimerHandler.OnTimer(long arg) => expired(this);
}
