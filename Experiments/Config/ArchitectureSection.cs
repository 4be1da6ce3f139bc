using ClusterSim.Experiments.Model;
using ClusterSim.Workloads.Architectures;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// Reads <c>architecture</c>: <c>{ kind: two-level }</c> (the default), <c>{ kind: monolithic, strategy:
/// spread | binpack | random }</c> or <c>{ kind: shared-state, conflicts: resource-fit | sequence-numbers,
/// commit: all-or-nothing | incremental }</c>; then checks what the frameworks and events ask for against it.
/// </summary>
public static class ArchitectureSection
{
    public static SchedulerArchitecture Read(YamlNode? node)
    {
        if (node == null) return SchedulerArchitecture.TwoLevel;
        node.WithKeys("kind", "strategy", "conflicts", "commit");
        var kindNode = node.Required("kind", "two-level, monolithic or shared-state");
        var kind = kindNode.Text() switch
        {
            "two-level" => ArchitectureKind.TwoLevel,
            "monolithic" => ArchitectureKind.Monolithic,
            "shared-state" => ArchitectureKind.SharedState,
            var other => throw kindNode.Error($"unknown architecture '{other}', expected two-level, monolithic or shared-state"),
        };
        var architecture = new SchedulerArchitecture(kind);
        if (node.Optional("strategy") is { } strategy)
        {
            if (kind != ArchitectureKind.Monolithic) throw strategy.Error("strategy applies to the monolithic architecture only");
            architecture = architecture with
            {
                Strategy = strategy.Text() switch
                {
                    "spread" => PlacementStrategy.Spread,
                    "binpack" => PlacementStrategy.Binpack,
                    "random" => PlacementStrategy.Random,
                    var other => throw strategy.Error($"unknown strategy '{other}', expected spread, binpack or random"),
                },
            };
        }
        if (node.Optional("conflicts") is { } conflicts)
        {
            if (kind != ArchitectureKind.SharedState) throw conflicts.Error("conflicts applies to the shared-state architecture only");
            architecture = architecture with
            {
                Conflicts = conflicts.Text() switch
                {
                    "resource-fit" => ConflictDetection.ResourceFit,
                    "sequence-numbers" => ConflictDetection.SequenceNumbers,
                    var other => throw conflicts.Error($"unknown conflict detection '{other}', expected resource-fit or sequence-numbers"),
                },
            };
        }
        if (node.Optional("commit") is { } commit)
        {
            if (kind != ArchitectureKind.SharedState) throw commit.Error("commit applies to the shared-state architecture only");
            architecture = architecture with
            {
                Commit = commit.Text() switch
                {
                    "all-or-nothing" => CommitMode.AllOrNothing,
                    "incremental" => CommitMode.Incremental,
                    var other => throw commit.Error($"unknown commit mode '{other}', expected all-or-nothing or incremental"),
                },
            };
        }
        return architecture;
    }

    /// <summary>What only offers can carry: gang frameworks (they hold offers to assemble a gang) and
    /// reservations (the cell keeps no reservations), and the agent, maintenance and framework lifecycle events
    /// (they act on the offer allocator's books).</summary>
    public static void Check(YamlNode doc, SchedulerArchitecture architecture, IReadOnlyList<FrameworkSpec> frameworks,
        IReadOnlyList<ClusterEvent> events)
    {
        if (architecture.Kind == ArchitectureKind.TwoLevel) return;
        var node = doc.Required("architecture", "the architecture");
        foreach (var f in frameworks)
            if (f.Kind == Workloads.Frameworks.FrameworkKind.Gang)
                throw node.Error($"framework '{f.Settings.Name}' is a gang framework, which runs under two-level scheduling only");
        foreach (var e in events)
            if (e.Kind is ClusterEventKind.Reserve or ClusterEventKind.Unreserve)
                throw node.Error($"a {architecture.Kind switch { ArchitectureKind.Monolithic => "monolithic", _ => "shared-state" }} cell keeps no reservations; remove the reserve and unreserve events");
            else if (e.Kind is ClusterEventKind.Agent or ClusterEventKind.Maintenance or ClusterEventKind.Framework)
                throw node.Error($"{e.Kind.ToString().ToLowerInvariant()} lifecycle events (drain, maintenance, framework updates) act on the offer allocator, which a {architecture.Kind switch { ArchitectureKind.Monolithic => "monolithic", _ => "shared-state" }} cell does not use; remove them or use two-level");
    }
}
