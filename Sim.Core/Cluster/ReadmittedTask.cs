using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;

namespace ClusterSim.Core.Cluster;

/// <summary>
/// A task an agent re-registers with after a master failover (Mesos's ReregisterSlaveMessage carries each task
/// with its resources). <see cref="Role"/> is the role its resources were allocated to: null for the framework's
/// first role, or <see cref="Oversubscription.RevocableResources.Role"/> for a task on revocable resources, which
/// Mesos knows from each resource's RevocableInfo and which must stay revocable in the new master's books.
/// </summary>
public sealed record ReadmittedTask(FrameworkId Framework, TaskSpec Task, TaskState State)
{
    public string? Role { get; init; }
}
