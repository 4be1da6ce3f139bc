namespace ClusterSim.RealAgent.Master.Registry;

/// <summary>Everything a new leader recovers from the registry, and the entries it could not read.</summary>
public sealed record RegistryContents(
    IReadOnlyList<RegisteredAgent> Agents,
    IReadOnlyList<RegisteredFramework> Frameworks,
    IReadOnlyList<RegisteredTask> Tasks,
    IReadOnlyList<RegisteredReservation> Reservations,
    IReadOnlyDictionary<string, double> Weights,
    IReadOnlyList<RegisteredQuota> Quotas,
    IReadOnlyList<RegistryProblem> Problems)
{
    public static readonly RegistryContents Empty = new([], [], [], [], new Dictionary<string, double>(), [], []);

    /// <summary>The maintenance schedule: machines DRAINING or DOWN, with their windows.</summary>
    public IReadOnlyList<RegisteredMachine> Machines { get; init; } = [];

    /// <summary>The agents' oversubscribed (revocable) totals, as the last leader accepted them.</summary>
    public IReadOnlyList<RegisteredOversubscribed> Oversubscribed { get; init; } = [];
}
