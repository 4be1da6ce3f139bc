using ClusterSim.Core.Resources;

namespace ClusterSim.Experiments.Model;

/// <summary>
/// A framework's lifecycle event at a fixed time of an experiment: it disconnects (deactivate), comes back
/// (activate), or sends UPDATE_FRAMEWORK with new capabilities or minimum allocatable resources (what is not
/// given keeps its value). Its own scheduler still decides when it suppresses and revives.
/// </summary>
public sealed record FrameworkEvent(FrameworkEventKind Kind, string Framework)
{
    public IReadOnlySet<string>? Capabilities { get; init; }
    public MinAllocatable? MinAllocatable { get; init; }

    public override string ToString() => Kind switch
    {
        FrameworkEventKind.Deactivate => $"framework {Framework} deactivated",
        FrameworkEventKind.Activate => $"framework {Framework} activated",
        _ => $"framework {Framework} updated",
    };
}
