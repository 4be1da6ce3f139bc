namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>GET /containers/json.</summary>
public sealed class ContainersListParameters
{
    /// <summary>Include containers that are not running (the daemon lists only running ones otherwise).</summary>
    public bool All { get; set; }

    /// <summary>Which containers, e.g. new DockerFilters().Add("label", "clustersim.agent=a1").</summary>
    public DockerFilters? Filters { get; set; }
}
