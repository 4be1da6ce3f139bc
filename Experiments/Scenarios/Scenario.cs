using ClusterSim.Allocators;
using ClusterSim.Core.Allocation;

namespace ClusterSim.Experiments.Scenarios;

/// <summary>A parsed scenario file: the cluster's settings and the steps to run.</summary>
public sealed record Scenario(string Name, string File, AllocationOptions Allocation, long Seed,
    IReadOnlyDictionary<string, double> Weights, IReadOnlyList<ScenarioStep> Steps)
{
    public IReadOnlyDictionary<string, Quota> Quotas { get; init; } = new Dictionary<string, Quota>();

    public AllocationPolicy Policy { get; init; } = AllocationPolicy.Default;

    /// <summary>The oversubscription: section (revocable resources); null without one.</summary>
    public Core.Oversubscription.OversubscriptionSettings? Oversubscription { get; init; }

    /// <summary>Tasks' usage fractions by task id (accept tasks' usage:); a task without one uses all it holds.</summary>
    public IReadOnlyDictionary<string, double> TaskUsage { get; init; } = new Dictionary<string, double>();
}
