namespace ClusterSim.Workloads.Architectures;

/// <summary>
/// Which scheduler architecture a run uses (<c>architecture:</c>): two-level offers (the default, the
/// master and allocator as they are), a monolithic scheduler with a Swarm strategy, or Omega's shared state
/// with its conflict detection and commit mode. <see cref="Strategy"/> applies to the monolithic scheduler;
/// <see cref="Conflicts"/> and <see cref="Commit"/> to shared state, whose schedulers place at random as the
/// Omega paper's do.
/// </summary>
public sealed record SchedulerArchitecture(ArchitectureKind Kind)
{
    public static readonly SchedulerArchitecture TwoLevel = new(ArchitectureKind.TwoLevel);

    public PlacementStrategy Strategy { get; init; } = PlacementStrategy.Spread;
    public ConflictDetection Conflicts { get; init; } = ConflictDetection.ResourceFit;
    public CommitMode Commit { get; init; } = CommitMode.Incremental;

    /// <summary>The name outputs and the report use: two-level, monolithic/spread, shared-state/resource-fit/incremental.</summary>
    public override string ToString() => Kind switch
    {
        ArchitectureKind.Monolithic => $"monolithic/{Name(Strategy)}",
        ArchitectureKind.SharedState => $"shared-state/{Name(Conflicts)}/{Name(Commit)}",
        _ => "two-level",
    };

    private static string Name(Enum value) => value switch
    {
        ConflictDetection.ResourceFit => "resource-fit",
        ConflictDetection.SequenceNumbers => "sequence-numbers",
        CommitMode.AllOrNothing => "all-or-nothing",
        _ => value.ToString().ToLowerInvariant(),
    };
}
