namespace ClusterSim.Experiments.Model;

public enum AgentEventKind
{
    Deactivate,
    Activate,
    Drain,

    /// <summary>MARK_AGENT_GONE: the agent leaves for good (Master.MarkAgentGone).</summary>
    MarkGone,
}
