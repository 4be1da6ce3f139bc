namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>POST /containers/{id}/wait.</summary>
public sealed class ContainerWaitParameters
{
    /// <summary>
    /// "not-running" (the daemon's default: returns at once if the container is not running), "next-exit"
    /// (waits for the next exit even if it is not running now: no race between start and wait), or "removed".
    /// </summary>
    public string? Condition { get; set; }
}
