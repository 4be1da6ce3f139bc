namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>Why a wait ended without an exit status.</summary>
public sealed class ContainerWaitExitError
{
    public string? Message { get; set; }
}
