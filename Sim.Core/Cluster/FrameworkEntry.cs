using ClusterSim.Core.Ids;

namespace ClusterSim.Core.Cluster;

/// <summary>The master's record of a registered framework.</summary>
internal sealed class FrameworkEntry(FrameworkId id, FrameworkInfo info, ISchedulerLink link)
{
    public FrameworkId Id { get; } = id;
    /// <summary>What it registered with, or its latest UPDATE_FRAMEWORK.</summary>
    public FrameworkInfo Info { get; set; } = info;
    public ISchedulerLink Link { get; } = link;

    /// <summary>Live tasks by id.</summary>
    public FrameworkTasks Tasks { get; } = new();

    /// <summary>Tasks that ended on their agent and whose terminal update the framework has not acknowledged,
    /// by id, with that update: Mesos's master keeps them in framework->tasks until then (Master::acknowledge,
    /// removeTask), so reconciliation still answers their latest state.</summary>
    public Dictionary<Ids.TaskId, Tasks.StatusUpdate> Unacknowledged { get; } = [];

    public int RunningTasks { get; set; }

    /// <summary>False while a live framework is disconnected and within its failover timeout.</summary>
    public bool Active { get; set; } = true;

    /// <summary>Roles in which it asked for no offers (SUPPRESS, or UPDATE_FRAMEWORK's suppressed roles) and
    /// has not revived since.</summary>
    public SortedSet<string> SuppressedRoles { get; } = new(StringComparer.Ordinal);

    /// <summary>Offers made to it by the allocation run under way, delivered together when it ends.</summary>
    public List<Offer>? Batch { get; set; }
}
