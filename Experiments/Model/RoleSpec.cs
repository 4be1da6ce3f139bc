namespace ClusterSim.Experiments.Model;

/// <summary>A role's settings: its weight (default 1).</summary>
public sealed record RoleSpec(double Weight);
