using System.Text.Json.Serialization;

namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>POST /containers/create: the container's configuration plus its host limits.</summary>
public sealed class ContainerCreateParameters : ContainerConfig
{
    /// <summary>Container name (the ?name= query parameter, not part of the body); null lets the daemon pick one.</summary>
    [JsonIgnore]
    public string? Name { get; set; }

    public HostConfig? HostConfig { get; set; }
}
