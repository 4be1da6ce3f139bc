namespace ClusterSim.RealAgent.Containers;

/// <summary>What a container has used: CPU time since it started (seconds, all cores) and memory in use now
/// (bytes), from the runtime's one-shot stats (Docker's GET /containers/{id}/stats?stream=false&amp;one-shot=true).</summary>
public sealed record ContainerUsage(double CpuSeconds, long MemoryBytes);
