using ClusterSim.Core.Resources;

namespace ClusterSim.Core.Cluster;

/// <summary>What a framework says when it registers: a name unique in the cluster, the roles it subscribes
/// to (<see cref="Role"/> is the first; several make it a MULTI_ROLE framework, offered and accounted per
/// role), its capabilities (e.g. "gpu", Mesos's GPU_RESOURCES) and, optionally, the smallest offer it wants
/// (Mesos's per-framework min_allocatable_resources).</summary>
public sealed record FrameworkInfo(string Name, string Role)
{
    private readonly IReadOnlyList<string>? _roles;

    /// <summary>Every role it subscribes to, <see cref="Role"/> first.</summary>
    public IReadOnlyList<string> Roles
    {
        get => _roles ?? [Role];
        init => _roles = value.Count > 0 && value[0] == Role
            ? value
            : throw new ArgumentException($"framework '{Name}': its roles must start with its role '{Role}'");
    }

    /// <summary>The same framework subscribed to <paramref name="roles"/> (the first becomes its role).</summary>
    public FrameworkInfo WithRoles(IReadOnlyList<string> roles) => this with { Role = roles[0], Roles = roles };

    public IReadOnlySet<string> Capabilities { get; init; } = new SortedSet<string>(StringComparer.Ordinal);
    public MinAllocatable? MinAllocatable { get; init; }

    public bool HasCapability(string capability) => Capabilities.Contains(capability);
}
