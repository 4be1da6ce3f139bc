namespace ClusterSim.Experiments.Scenarios.Steps;

public enum AgentStateChange
{
    Deactivate,
    Activate,
    Drain,
}
