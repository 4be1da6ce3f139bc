namespace ClusterSim.Experiments.Running;

/// <summary>What runs a hosted run's tasks: simulated agents (usage drawn, estimator and QoS controller
/// simulated on the loop) or live agent daemons (usage measured from the containers, the estimator and QoS
/// controller theirs).</summary>
public enum AgentKind
{
    Simulated,
    Live,
}
