namespace ClusterSim.RealAgent.Master;

/// <summary>A task in /state: a live one with its current state and since when, or one state change with
/// when it happened and why (Reason, when the agent or the master gave one). Revocable: the task runs on
/// revocable resources (Mesos marks each of its resources with a RevocableInfo), so the agent may evict it.</summary>
public sealed record TaskView(string Framework, string Id, string Agent, string State, double Since, string? Reason, bool Revocable = false);
