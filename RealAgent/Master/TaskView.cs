namespace ClusterSim.RealAgent.Master;

/// <summary>A task in /state: live ones with their current state, ended ones with how they ended.</summary>
public sealed record TaskView(string Framework, string Id, string Agent, string State, double Since, string? Reason);
