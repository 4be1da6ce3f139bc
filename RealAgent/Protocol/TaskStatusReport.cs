namespace ClusterSim.RealAgent.Protocol;

/// <summary>
/// POST /api/agents/{name}/status, agent to master: a task's new state (RUNNING, FINISHED, FAILED, KILLED,
/// as <c>TaskStates.Name</c> spells them). The agent resends it until the master answers 200, which is the
/// acknowledgement; <see cref="Uuid"/> names the update in logs. A RUNNING update carries
/// <see cref="StartSeconds"/>, the wall time from the launch request to the container's start as the agent
/// measured it: the container runtime's share of a task's start delay, which the fidelity report allows for.
/// <see cref="Reason"/> is the status's human text (Mesos's TaskStatus.message); <see cref="Code"/> and
/// <see cref="Source"/> are its reason and source as Mesos spells them (include/mesos/v1/mesos.proto,
/// TaskStatus.Reason and .Source, e.g. REASON_CONTAINER_PREEMPTED from SOURCE_AGENT), absent when unset.
/// </summary>
public sealed record TaskStatusReport(int FrameworkId, string TaskId, string State, string? Reason, string Uuid, double? StartSeconds = null)
{
    public string? Code { get; init; }

    public string? Source { get; init; }
}
