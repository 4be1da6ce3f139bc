using ClusterSim.Core.Ids;
using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Tasks;

/// <summary>
/// A status update the master forwards to a framework. As Mesos's TaskStatus (include/mesos/v1/mesos.proto:
/// <c>message</c>, <c>reason</c>, <c>source</c>), why it changed is said twice: <see cref="Reason"/> is the
/// human text (Mesos's <c>message</c>), <see cref="Code"/> the reason code and <see cref="Source"/> who made the
/// update, unset where none is given.
/// </summary>
public sealed record StatusUpdate(FrameworkId Framework, TaskId Task, AgentId Agent, TaskState State, Time At, string? Reason = null)
{
    /// <summary>Mesos's <c>TaskStatus.reason</c>, e.g. <see cref="StatusReason.ContainerPreempted"/>.</summary>
    public StatusReason Code { get; init; }

    /// <summary>Mesos's <c>TaskStatus.source</c>, e.g. <see cref="StatusSource.Agent"/>.</summary>
    public StatusSource Source { get; init; }

    /// <summary>The <see cref="TaskSpec.FrameworkRecord"/> of the task the update is about, on the updates the
    /// master makes from the task it launched; null on others (reconciliation answers, tasks it does not
    /// know) and on every update sent over the scheduler API.</summary>
    public object? FrameworkRecord { get; init; }
}
