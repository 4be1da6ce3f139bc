namespace ClusterSim.RealAgent.Containers;

/// <summary>The container runtime refused a request or could not be reached; the message says which, and what for.</summary>
public sealed class ContainerRuntimeException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The runtime did not answer at all (its daemon down or restarting), as opposed to refusing.</summary>
    public bool Unreachable { get; init; }
}
