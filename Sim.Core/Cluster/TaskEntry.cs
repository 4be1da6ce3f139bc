using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Cluster;

/// <summary>The master's record of a live (non-terminal) task.</summary>
internal sealed class TaskEntry(FrameworkId framework, AgentId agent, TaskSpec spec, Time launchedAt)
{
    public FrameworkId Framework { get; } = framework;
    public AgentId Agent { get; } = agent;
    public TaskSpec Spec { get; } = spec;
    public Time LaunchedAt { get; } = launchedAt;
    public TaskState State { get; set; } = TaskState.Staging;

    /// <summary>What the task holds on its agent (its footprint) and the part of it reserved for its role.</summary>
    public Core.Resources.Resources Held { get; init; }
    public Core.Resources.Resources HeldReserved { get; init; }

    /// <summary>The role of the offer it was launched on: what it holds is accounted there.</summary>
    public required string Role { get; init; }
}
