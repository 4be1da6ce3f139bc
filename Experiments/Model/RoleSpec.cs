namespace ClusterSim.Experiments.Model;

/// <summary>A role's settings: its weight (default 1) and its quota.</summary>
public sealed record RoleSpec(double Weight)
{
    public Core.Allocation.Quota Quota { get; init; } = Core.Allocation.Quota.None;
}
