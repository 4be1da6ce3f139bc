using ClusterSim.Core.Timing;

namespace ClusterSim.Experiments.Model;

/// <summary>An operator's agent lifecycle action at a fixed time of an experiment: DEACTIVATE_AGENT,
/// REACTIVATE_AGENT, DRAIN_AGENT with a maximum grace period, or MARK_AGENT_GONE.</summary>
public sealed record AgentEvent(AgentEventKind Kind, string Agent)
{
    public Duration GracePeriod { get; init; }

    public override string ToString() => Kind switch
    {
        AgentEventKind.Deactivate => $"agent {Agent} deactivated",
        AgentEventKind.Activate => $"agent {Agent} reactivated",
        AgentEventKind.MarkGone => $"agent {Agent} marked gone",
        _ => $"agent {Agent} drained (grace period {GracePeriod})",
    };
}
