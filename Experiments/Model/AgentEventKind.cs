namespace ClusterSim.Experiments.Model;

public enum AgentEventKind
{
    Deactivate,
    Activate,
    Drain,
}
