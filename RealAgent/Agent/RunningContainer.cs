namespace ClusterSim.RealAgent.Agent;

/// <summary>A task whose container runs: its container, what it was allocated (cpus, mem MB), whether it runs on
/// revocable resources and whether its framework is partition-aware (which decides how an eviction is reported).</summary>
public sealed record RunningContainer(int FrameworkId, string TaskId, string Container, double Cpus, double Mem, bool Revocable,
    bool PartitionAware);
