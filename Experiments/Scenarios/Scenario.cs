using ClusterSim.Allocators;
using ClusterSim.Core.Allocation;

namespace ClusterSim.Experiments.Scenarios;

/// <summary>A parsed scenario file: the cluster's settings and the steps to run.</summary>
public sealed record Scenario(string Name, string File, AllocationOptions Allocation, long Seed,
    IReadOnlyDictionary<string, double> Weights, IReadOnlyList<ScenarioStep> Steps)
{
    public IReadOnlyDictionary<string, Quota> Quotas { get; init; } = new Dictionary<string, Quota>();

    public AllocationPolicy Policy { get; init; } = AllocationPolicy.Default;
}
