using ClusterSim.Core.Resources;

namespace ClusterSim.Experiments.Scenarios;

/// <summary>An offer a scenario expects: to this framework, of this agent, optionally of these resources.</summary>
public sealed record ExpectedOffer(string Framework, string Agent, Resources? Resources)
{
    public bool Matches(MadeOffer offer) =>
        offer.Framework == Framework && offer.Agent == Agent && (Resources is not { } r || r == offer.Resources);

    public override string ToString() => Resources is { } r ? $"{Framework} on {Agent} {r}" : $"{Framework} on {Agent}";
}
