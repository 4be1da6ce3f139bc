using ClusterSim.Allocators;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Timing;

namespace ClusterSim.Experiments.Model;

/// <summary>One variant of an experiment, fully resolved and validated: everything a run needs.</summary>
public sealed record ExperimentSpec(
    string Name,
    string Variant,
    IReadOnlyList<long> Seeds,
    Duration Horizon,
    Duration Sample,
    AllocationOptions Allocation,
    ClusterSpec Cluster,
    IReadOnlyDictionary<string, RoleSpec> Roles,
    IReadOnlyList<FrameworkSpec> Frameworks)
{
    /// <summary>The keys this variant overrides, as YAML (empty for the base).</summary>
    public string Overrides { get; init; } = "";

    /// <summary>What the allocator decides by: sorters, partitions, slots.</summary>
    public AllocationPolicy Policy { get; init; } = AllocationPolicy.Default;

    public ErlangCCheck? ErlangC { get; init; }

    public Mm1Check? Mm1 { get; init; }
    /// <summary>The M/D/1 check of a monolithic scheduler (checks: mdOne:), or null.</summary>
    public MdOneCheck? MdOne { get; init; }

    /// <summary>Who places the frameworks' work (architecture:); two-level offers by default.</summary>
    public Workloads.Architectures.SchedulerArchitecture Architecture { get; init; } = Workloads.Architectures.SchedulerArchitecture.TwoLevel;

    /// <summary>Whether the summary carries the scheduler metrics (busy fraction, queue time, placement time,
    /// conflicts, retries): when some variant of the file is not two-level, so every variant has the same
    /// metrics and the file's two-level-only experiments keep their outputs as they were.</summary>
    public bool SchedulerMetrics { get; init; }

    /// <summary>The window time-averaged metrics cover (measure:); the whole run by default.</summary>
    public MeasureWindow Measure { get; init; } = MeasureWindow.WholeRun;

    /// <summary>Operator actions at fixed times, in time order.</summary>
    public IReadOnlyList<ClusterEvent> Events { get; init; } = [];

    /// <summary>The faults: section (<see cref="FaultSpec.None"/> without one).</summary>
    public FaultSpec Faults { get; init; } = FaultSpec.None;

    /// <summary>Whether the run records faults (faults.csv, the fault metrics, agents_down): true when some
    /// variant of the file has a faults: section or a fault event, so every variant has the same columns,
    /// and false otherwise, so a file without faults gives the outputs it gave before faults existed.</summary>
    public bool RecordsFaults { get; init; }

    /// <summary>This variant without its faults: no faults: section, no fault events, nothing recorded.</summary>
    public ExperimentSpec WithoutFaults() => this with
    {
        Faults = FaultSpec.None,
        Events = Events.Where(e => e.Kind < ClusterEventKind.FailAgent).ToArray(),
        RecordsFaults = false,
    };

    /// <summary>The oversubscription: section (revocable resources); null without one.</summary>
    public Core.Oversubscription.OversubscriptionSettings? Oversubscription { get; init; }

    /// <summary>Whether the summary carries the oversubscription metrics: when some variant of the file
    /// oversubscribes, so every variant has the same columns and files without it keep their outputs.</summary>
    public bool OversubscriptionMetrics { get; init; }

    /// <summary>The live: section, for <c>run --live</c>; null when the file has none.</summary>
    public LiveSpec? Live { get; init; }

    /// <summary>The variant's resolved configuration, as YAML, for run.json and the report.</summary>
    public string ResolvedYaml { get; init; } = "";

    /// <summary>What looked suspicious in this variant but is not an error, each as
    /// <c>file:line:column: key: problem</c>; printed before the run and recorded in run.json.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
