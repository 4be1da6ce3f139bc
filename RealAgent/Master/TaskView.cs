namespace ClusterSim.RealAgent.Master;

/// <summary>A task in /state: a live one with its current state and since when, or one state change with
/// when it happened and why (Reason, when the agent or the master gave one).</summary>
public sealed record TaskView(string Framework, string Id, string Agent, string State, double Since, string? Reason);
