namespace ClusterSim.Core.Allocation;

/// <summary>A role's settings as an operator or an experiment file gives them: its weight (default 1) and its quota.</summary>
public sealed record RoleSpec(double Weight)
{
    public Quota Quota { get; init; } = Quota.None;
}
