using ClusterSim.Core.Ids;
using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Tasks;

/// <summary>A status update the master forwards to a framework.</summary>
public sealed record StatusUpdate(FrameworkId Framework, TaskId Task, AgentId Agent, TaskState State, Time At, string? Reason = null);
