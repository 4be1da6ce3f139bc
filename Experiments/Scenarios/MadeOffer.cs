using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;

namespace ClusterSim.Experiments.Scenarios;

/// <summary>An offer the master made during a scenario, by names. <see cref="Role"/> is the role it is for;
/// it is shown only for frameworks with several roles.</summary>
public sealed record MadeOffer(string Framework, string Agent, Resources Resources, Time At, Resources Reserved = default)
{
    public string Role { get; init; } = "*";
    public bool ShowRole { get; init; }

    public override string ToString() => $"{Framework}{(ShowRole ? $" (role {Role})" : "")} on {Agent} {Resources}"
                                         + (Reserved.IsEmpty ? "" : $" (reserved {Reserved})");
}
