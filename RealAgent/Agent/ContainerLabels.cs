namespace ClusterSim.RealAgent.Agent;

/// <summary>
/// The labels every task container carries. The agent label is how an agent finds its own containers after
/// a restart, and only its own, when several agents share a host.
/// </summary>
public static class ContainerLabels
{
    public const string Agent = "clustersim.agent";
    public const string Framework = "clustersim.framework";
    public const string FrameworkId = "clustersim.framework-id";
    public const string Task = "clustersim.task";

    /// <summary>What the task asked for, so an agent that restarts can tell a new leader what its tasks hold.</summary>
    public const string Cpus = "clustersim.cpus";
    public const string Mem = "clustersim.mem";

    /// <summary>"true" when the task's framework is partition-aware: kept through a partition.</summary>
    public const string PartitionAware = "clustersim.partition-aware";
}
