namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>The answer to create: the new container's id and the daemon's warnings (e.g. a limit it cannot enforce).</summary>
public sealed class ContainerCreateResponse
{
    public string Id { get; set; } = "";

    public IList<string>? Warnings { get; set; }
}
