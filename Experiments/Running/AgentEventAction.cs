using ClusterSim.Core.Cluster;
using ClusterSim.Experiments.Model;

namespace ClusterSim.Experiments.Running;

/// <summary>Carries out an operator's agent lifecycle action on the run's master.</summary>
public static class AgentEventAction
{
    /// <summary>False when the agent is not registered (for MARK_AGENT_GONE: neither registered nor unreachable,
    /// or gone already).</summary>
    public static bool Apply(Master master, AgentEvent e)
    {
        // A gone agent's simulated process is left to itself: the master ignores whatever it reports.
        if (e.Kind == AgentEventKind.MarkGone) return master.MarkAgentGone(e.Agent);
        if (!master.TryFindAgent(e.Agent, out var id)) return false;
        switch (e.Kind)
        {
            case AgentEventKind.Deactivate:
                master.DeactivateAgent(id);
                break;
            case AgentEventKind.Activate:
                master.ActivateAgent(id);
                break;
            default:
                master.DrainAgent(id, e.GracePeriod);
                break;
        }
        return true;
    }
}
