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

    /// <summary>"true" when the task runs on revocable resources: an agent that restarts still knows which of
    /// its tasks its QoS controller may evict and what its slack estimate adds back.</summary>
    public const string Revocable = "clustersim.revocable";

    /// <summary>When the agent launched the task (Unix milliseconds): the order <c>evict: newest</c> kills in,
    /// after a restart too.</summary>
    public const string LaunchedAt = "clustersim.launched-at";
}
