using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Resources;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>The allocator's view of one framework in one of its roles (Mesos's MULTI_ROLE frameworks are
/// sorted, filtered and accounted per role).</summary>
internal sealed class FrameworkSlot(FrameworkId id, FrameworkInfo info, RoleSlot role, int client)
{
    private bool _suppressed;
    private bool _active = true;
    private FrameworkInfo _info = info;

    public FrameworkId Id { get; } = id;

    /// <summary>Unique per (framework, role): what agents' holding tables are keyed by.</summary>
    public int Key { get; init; }

    /// <summary>What the framework registered with, or its latest UPDATE_FRAMEWORK.</summary>
    public FrameworkInfo Info
    {
        get => _info;
        set
        {
            _info = value;
            GpuCapable = value.HasCapability("gpu");
        }
    }

    public RoleSlot Role { get; } = role;

    /// <summary>Handle in the role's framework sorter.</summary>
    public int Client { get; } = client;

    public bool Suppressed
    {
        get => _suppressed;
        set
        {
            _suppressed = value;
            Skipped = _suppressed || !_active;
        }
    }

    /// <summary>False while deactivated (Mesos's Framework::active): its sorter skips it, whether or not it is
    /// suppressed, and activating it does not end a suppression.</summary>
    public bool Active
    {
        get => _active;
        set
        {
            _active = value;
            Skipped = _suppressed || !_active;
        }
    }

    /// <summary>Suppressed or inactive: offered nothing (one test on the hot path).</summary>
    public bool Skipped { get; private set; }

    public bool GpuCapable { get; private set; } = info.HasCapability("gpu");
    public Resources Allocation { get; set; }

    /// <summary>The newest of its refusal filters, linked to the older ones (on any agent); each agent holds
    /// its own by framework (<see cref="AgentSlot.Filters"/>).</summary>
    public RefusalFilter? NewestFilter { get; set; }
}
