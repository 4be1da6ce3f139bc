namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>DELETE /containers/{id}.</summary>
public sealed class ContainerRemoveParameters
{
    /// <summary>Kill the container first if it runs; without it removing a running container is a conflict (409).</summary>
    public bool Force { get; set; }

    /// <summary>Also remove the anonymous volumes the container created.</summary>
    public bool RemoveVolumes { get; set; }
}
