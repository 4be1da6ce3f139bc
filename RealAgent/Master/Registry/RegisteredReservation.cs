namespace ClusterSim.RealAgent.Master.Registry;

/// <summary>Resources of an agent reserved for a role (by an operator or a framework's RESERVE), as the registry
/// keeps them; in Mesos they are part of the agent's checkpointed resources.</summary>
public sealed record RegisteredReservation(string Agent, string Role, string Resources);
