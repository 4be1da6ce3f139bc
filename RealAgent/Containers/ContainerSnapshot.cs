namespace ClusterSim.RealAgent.Containers;

/// <summary>
/// A container's state when it was inspected. <see cref="ExitCode"/> and <see cref="OomKilled"/> mean
/// something once <see cref="Phase"/> is Exited; <see cref="Error"/> is the runtime's own explanation when it
/// could not run the command.
/// </summary>
public sealed record ContainerSnapshot(string Id, ContainerPhase Phase, long ExitCode, bool OomKilled, string? Error, long MemoryLimitBytes);
