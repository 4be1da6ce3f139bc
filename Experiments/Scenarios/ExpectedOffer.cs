using ClusterSim.Core.Resources;

namespace ClusterSim.Experiments.Scenarios;

/// <summary>An offer a scenario expects: to this framework, of this agent, optionally of these resources.</summary>
public sealed record ExpectedOffer(string Framework, string Agent, Resources? Resources, Resources? Reserved = null)
{
    public bool Matches(MadeOffer offer) =>
        offer.Framework == Framework && offer.Agent == Agent && (Resources is not { } r || r == offer.Resources)
        && (Reserved is not { } v || v == offer.Reserved);

    public override string ToString() =>
        $"{Framework} on {Agent}" + (Resources is { } r ? $" {r}" : "") + (Reserved is { } v ? $" (reserved {v})" : "");
}
