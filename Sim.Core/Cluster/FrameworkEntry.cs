using ClusterSim.Core.Ids;

namespace ClusterSim.Core.Cluster;

/// <summary>The master's record of a registered framework.</summary>
internal sealed class FrameworkEntry(FrameworkId id, FrameworkInfo info, ISchedulerLink link)
{
    public FrameworkId Id { get; } = id;
    public FrameworkInfo Info { get; } = info;
    public ISchedulerLink Link { get; } = link;

    /// <summary>Live tasks by id.</summary>
    public Dictionary<Ids.TaskId, TaskEntry> Tasks { get; } = [];

    /// <summary>Outstanding offers by id, so in the order they were made; removing one is O(log n), not a list scan.</summary>
    public SortedDictionary<long, OfferEntry> Offers { get; } = [];

    public int RunningTasks { get; set; }
}
