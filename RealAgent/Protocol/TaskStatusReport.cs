namespace ClusterSim.RealAgent.Protocol;

/// <summary>
/// POST /api/agents/{name}/status, agent to master: a task's new state (RUNNING, FINISHED, FAILED, KILLED,
/// as <c>TaskStates.Name</c> spells them). The agent resends it until the master answers 200, which is the
/// acknowledgement; <see cref="Uuid"/> names the update in logs.
/// </summary>
public sealed record TaskStatusReport(int FrameworkId, string TaskId, string State, string? Reason, string Uuid);
