namespace ClusterSim.RealAgent.Agent;

/// <summary>One task as the agent's GET /state shows it; <see cref="Final"/> is null until the task has ended.</summary>
public sealed record AgentTaskView(int FrameworkId, string Framework, string TaskId, string? Container, string? Final);
