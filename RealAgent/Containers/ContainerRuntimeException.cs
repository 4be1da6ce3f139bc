namespace ClusterSim.RealAgent.Containers;

/// <summary>The container runtime refused a request or could not be reached; the message says which, and what for.</summary>
public sealed class ContainerRuntimeException(string message, Exception? inner = null) : Exception(message, inner);
