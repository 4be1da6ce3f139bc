using ClusterSim.Workloads.Model;

namespace ClusterSim.Experiments.Model;

/// <summary>
/// Whether a replayed trace job could ever start on the cluster, for a framework of <see cref="Role"/>: every
/// task fits some agent, and for a gang framework (all tasks at once) the cluster holds all of its tasks at
/// once (counted as copies of the smallest request of its tasks, resource by resource: a necessary
/// condition, so no job that could start is left out). A job that cannot start is left out
/// of the replay and counted (<see cref="TraceScan"/>), so it neither blocks the run until the horizon nor
/// drops silently out of the waits.
/// </summary>
public sealed record JobFit(AgentFit Agents, string Role, bool Gang)
{
    public bool Schedulable(WorkloadJob job)
    {
        foreach (var task in job.Tasks)
            if (!Agents.Fits(task.Request, Role)) return false;
        if (!Gang || job.Tasks.Count <= 1) return true;
        var smallest = job.Tasks.Select(t => t.Request).Aggregate((a, b) => a.Min(b));
        return Agents.Holds(smallest, Role) >= job.Tasks.Count;
    }
}
