namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>POST /containers/{id}/kill.</summary>
public sealed class ContainerKillParameters
{
    /// <summary>Signal name or number, e.g. "SIGTERM"; null sends the daemon's default, SIGKILL.</summary>
    public string? Signal { get; set; }
}
