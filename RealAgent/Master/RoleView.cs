namespace ClusterSim.RealAgent.Master;

/// <summary>
/// A role in /state: its weight, its quota (Guarantee and Limit empty when it has none), what its frameworks
/// hold (offered or in use), that allocation's dominant share of the cluster, and that share divided by the
/// weight, which is what DRF orders roles by.
/// </summary>
public sealed record RoleView(
    string Name,
    double Weight,
    string Guarantee,
    string Limit,
    string Allocated,
    double DominantShare,
    double WeightedShare,
    int Frameworks)
{
    /// <summary>The revocable resources its frameworks hold (offered or in use), as <see cref="Allocated"/> (<c>{}</c>: none): a framework's
    /// revocable offers are allocated to its (first) role, as the scheduler API tells the framework; they count
    /// in no share nor quota (RevocableAllocator keeps them out of the sorters; Mesos keeps them out of quota).</summary>
    public string AllocatedRevocable { get; init; } = "{}";
}
