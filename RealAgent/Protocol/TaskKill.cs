namespace ClusterSim.RealAgent.Protocol;

/// <summary>POST /api/tasks/kill, master to agent: kill the task's container; the agent answers with KILLED.</summary>
public sealed record TaskKill(int FrameworkId, string TaskId);
