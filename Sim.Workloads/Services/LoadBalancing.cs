namespace ClusterSim.Workloads.Services;

/// <summary>How a service's load balancer picks the instance for each request.</summary>
public enum LoadBalancing
{
    /// <summary>Uniformly at random among serving instances (each instance then sees a thinned Poisson
    /// stream: an M/M/1 queue under exponential service).</summary>
    Random,

    /// <summary>Each serving instance in turn.</summary>
    RoundRobin,

    /// <summary>The instance with the fewest requests in it (queued or in service); ties go to the instance
    /// that has served longest.</summary>
    LeastConnections,
}
