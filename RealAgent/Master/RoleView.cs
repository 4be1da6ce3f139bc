namespace ClusterSim.RealAgent.Master;

/// <summary>A role in /state: its weight and weighted dominant share.</summary>
public sealed record RoleView(string Name, double Weight, double Share);
