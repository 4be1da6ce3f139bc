using ClusterSim.Core.Cluster;
using ClusterSim.Core.Resources;
using ClusterSim.Core.Tasks;

namespace ClusterSim.Workloads.Frameworks;

/// <summary>What every framework kind shares: who it is, the filter it declines with, how long it thinks
/// before answering, and how often a task lost to its agent is tried again.</summary>
public sealed record FrameworkSettings(string Name, string Role)
{
    /// <summary>The filter it declines with (Mesos's default refuse_seconds is 5 s).</summary>
    public OfferFilter Refuse { get; init; } = OfferFilter.Default;

    public DecisionTime DecisionTime { get; init; } = DecisionTime.None;

    /// <summary>The filter for an offer declined whole because nothing pending fits or nothing is pending;
    /// null: the same as <see cref="Refuse"/>. Spark on Mesos declines such offers for 120 s.</summary>
    public OfferFilter? DeclineRefuse { get; init; }

    /// <summary>
    /// Whether the framework suppresses offers while it has nothing to launch and revives when work arrives
    /// (Mesos's advice), or stays subscribed and declines offers with <see cref="DeclineRefuse"/>. Reviving
    /// clears every filter, so on a large cluster with frequent arrivals each revive brings an offer for every
    /// free agent; staying subscribed with a long decline filter trades that for up to one interval of delay.
    /// </summary>
    public bool SuppressWhenIdle { get; init; } = true;

    /// <summary>At most this many tasks launched per offer; null: as many as fit.</summary>
    public int? MaxTasksPerOffer { get; init; }

    public IReadOnlySet<string> Capabilities { get; init; } = new SortedSet<string>(StringComparer.Ordinal);

    public MinAllocatable? MinAllocatable { get; init; }

    /// <summary>How many times a task that fails unexpectedly or is lost is launched again before the
    /// framework gives up on it.</summary>
    public int MaxRetries { get; init; } = 10;

    /// <summary>The cluster's total resources as the framework's operator told it (null: unknown). A gang
    /// framework fails a job bigger than this at once instead of waiting for it forever.</summary>
    public Resources? ClusterCapacity { get; init; }

    /// <summary>What a live agent runs for each task; ignored in simulation.</summary>
    public ContainerSpec? Container { get; init; }

    /// <summary>Every role it subscribes to, <see cref="Role"/> first; several make it a MULTI_ROLE framework,
    /// offered and accounted per role (Mesos's FrameworkInfo.roles).</summary>
    public IReadOnlyList<string> Roles
    {
        get => _roles ?? [Role];
        init => _roles = value.Count > 0 && value[0] == Role
            ? value
            : throw new ArgumentException($"framework '{Name}': its roles must start with its role '{Role}'");
    }

    private readonly IReadOnlyList<string>? _roles;

    public FrameworkInfo Info() => _roles is { Count: > 1 } roles
        ? new FrameworkInfo(Name, Role) { Roles = roles, Capabilities = Capabilities, MinAllocatable = MinAllocatable }
        : new FrameworkInfo(Name, Role) { Capabilities = Capabilities, MinAllocatable = MinAllocatable };
}
