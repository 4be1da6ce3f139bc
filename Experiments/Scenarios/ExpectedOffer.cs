using ClusterSim.Core.Resources;

namespace ClusterSim.Experiments.Scenarios;

/// <summary>An offer a scenario expects: to this framework, of this agent, optionally of these resources and
/// for this role.</summary>
public sealed record ExpectedOffer(string Framework, string Agent, Resources? Resources, Resources? Reserved = null)
{
    public string? Role { get; init; }

    public bool Matches(MadeOffer offer) =>
        offer.Framework == Framework && offer.Agent == Agent && (Resources is not { } r || r == offer.Resources)
        && (Reserved is not { } v || v == offer.Reserved) && (Role == null || Role == offer.Role);

    public override string ToString() =>
        $"{Framework}{(Role != null ? $" (role {Role})" : "")} on {Agent}" + (Resources is { } r ? $" {r}" : "")
        + (Reserved is { } v ? $" (reserved {v})" : "");
}
