namespace ClusterSim.RealAgent.Containers;

/// <summary>The host's CPUs and memory as the container runtime reports them.</summary>
public sealed record HostCapacity(double Cpus, long MemoryBytes);
