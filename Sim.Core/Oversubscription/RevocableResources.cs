using ClusterSim.Core.Cluster;
using ClusterSim.Core.Tasks;

namespace ClusterSim.Core.Oversubscription;

/// <summary>
/// How revocable resources (Mesos's oversubscription) are told apart from regular ones. Mesos marks each
/// revocable Resource with a RevocableInfo (include/mesos/mesos.proto, Resource.RevocableInfo) and offers it
/// for the framework's role; here revocable resources travel in offers of their own whose role is the
/// pseudo-role <see cref="Role"/>, which no role name can equal (a role component cannot start with a dash,
/// Allocators/RoleNames): the master's books, the allocator's role accounting and every return then keep them
/// apart from the regular ones without a flag on each resource. Mesos also forbids a task to mix revocable and
/// non-revocable resources (src/master/validation.cpp), so separate offers lose nothing a task could use.
/// </summary>
public static class RevocableResources
{
    /// <summary>The role of revocable offers, tasks and returns.</summary>
    public const string Role = "-revocable";

    /// <summary>The framework capability that opts in (Mesos's FrameworkInfo.Capability.REVOCABLE_RESOURCES).</summary>
    public const string Capability = "revocable";

    /// <summary>The message sent with an evicted task (src/slave/slave.cpp, Slave::_qosCorrections: the
    /// container is destroyed, TASK_LOST (TASK_GONE to partition-aware frameworks: QosController.EvictedState) from
    /// SOURCE_SLAVE with REASON_CONTAINER_PREEMPTED, <see cref="StatusReason.ContainerPreempted"/>, and this
    /// message).</summary>
    public const string PreemptedMessage = "Container preempted by QoS correction";

    public static bool IsRevocable(Offer offer) => offer.Role == Role;
}
