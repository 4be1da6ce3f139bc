namespace ClusterSim.Workloads.Architectures;

/// <summary>How a scheduler that sees every agent picks one for a task: Docker Swarm's strategies
/// (docs.docker.com, "Docker Swarm strategies": spread ranks nodes by their number of containers, binpack by
/// how used they are, random picks at random among those that fit).</summary>
public enum PlacementStrategy
{
    /// <summary>The fitting agent with the fewest tasks (ties: the lowest agent id).</summary>
    Spread,

    /// <summary>The fitting agent with the highest used share of its most used resource (ties: the lowest id).</summary>
    Binpack,

    /// <summary>A fitting agent chosen uniformly at random (Omega's simulated schedulers pick so).</summary>
    Random,
}
