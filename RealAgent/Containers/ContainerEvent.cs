namespace ClusterSim.RealAgent.Containers;

/// <summary>Something that happened to a container; <see cref="Signal"/> is the signal number of a Killed event.</summary>
public sealed record ContainerEvent(string ContainerId, ContainerEventKind Kind, string? Signal = null);
