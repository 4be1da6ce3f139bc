using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;

namespace ClusterSim.Experiments.Scenarios;

/// <summary>An offer the master made during a scenario, by names.</summary>
public sealed record MadeOffer(string Framework, string Agent, Resources Resources, Time At, Resources Reserved = default)
{
    public override string ToString() => $"{Framework} on {Agent} {Resources}" + (Reserved.IsEmpty ? "" : $" (reserved {Reserved})");
}
