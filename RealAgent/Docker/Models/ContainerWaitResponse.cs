namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>The answer to wait: how the container exited.</summary>
public sealed class ContainerWaitResponse
{
    public long StatusCode { get; set; }

    /// <summary>Set when the wait itself failed after it began (the daemon has already sent 200 by then).</summary>
    public ContainerWaitExitError? Error { get; set; }
}
