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
    int Offers);
