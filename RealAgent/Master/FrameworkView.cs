namespace ClusterSim.RealAgent.Master;

/// <summary>
/// A framework in /state: the principal it subscribed as (null for the run's own in-process frameworks), its
/// roles, whether it is connected, its dominant share, what it holds (offered or in use), its tasks and
/// outstanding offers.
/// </summary>
public sealed record FrameworkView(
    int Id,
    string Name,
    string? Principal,
    IReadOnlyList<string> Roles,
    bool Active,
    double Share,
    string Allocated,
    int RunningTasks,
    int LiveTasks,
    int Offers)
{
    /// <summary>The revocable resources it holds (offered or in use), <c>{}</c> for none; not in
    /// <see cref="Allocated"/> nor in its share.</summary>
    public string AllocatedRevocable { get; init; } = "{}";
}
