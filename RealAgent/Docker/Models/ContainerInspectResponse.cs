namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>GET /containers/{id}/json: everything the daemon knows about one container.</summary>
public sealed class ContainerInspectResponse
{
    public string Id { get; set; } = "";

    /// <summary>The name with Docker's leading slash, e.g. "/task-1".</summary>
    public string? Name { get; set; }

    public DateTimeOffset Created { get; set; }

    /// <summary>The image's id (sha256:...); the name it was created from is in Config.Image.</summary>
    public string? Image { get; set; }

    public ContainerState? State { get; set; }

    public ContainerConfig? Config { get; set; }

    public HostConfig? HostConfig { get; set; }

    public int RestartCount { get; set; }
}
