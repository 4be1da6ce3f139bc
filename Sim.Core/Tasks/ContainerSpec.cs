namespace ClusterSim.Core.Tasks;

/// <summary>
/// What a live agent runs for a task: an image and a command (empty: the image's own). The container has
/// no network unless <see cref="Network"/> asks for one. Simulation ignores it.
/// </summary>
public sealed record ContainerSpec(string Image, IReadOnlyList<string> Command)
{
    public bool Network { get; init; }
}
