using ClusterSim.RealAgent.Containers;

namespace ClusterSim.RealAgent.Agent;

/// <summary>
/// One task's container as the agent follows it. Changed only by the <see cref="Containerizer"/>'s loop.
/// <see cref="Final"/> is set once, when the container's exit has been classified; the container is removed
/// only after the master acknowledged that update.
/// </summary>
public sealed class TaskContainer(int frameworkId, string framework, string taskId)
{
    public int FrameworkId { get; } = frameworkId;
    public string Framework { get; } = framework;
    public string TaskId { get; } = taskId;
    public string? ContainerId { get; set; }
    public long MemoryLimitBytes { get; set; }

    /// <summary>What the task asked for (from its launch, or its container's labels after a restart).</summary>
    public double Cpus { get; set; }
    public double Mem { get; set; }
    public bool PartitionAware { get; set; }

    /// <summary>Runs on revocable resources: the QoS controller may evict it.</summary>
    public bool Revocable { get; set; }

    /// <summary>When the agent launched it (from its label after a restart): the QoS controller's launch order.</summary>
    public DateTimeOffset LaunchedAt { get; set; }

    /// <summary>Set when the QoS controller evicts the task: the state and message its exit is reported with
    /// (TASK_LOST, or TASK_GONE to a partition-aware framework; the report adds REASON_CONTAINER_PREEMPTED).</summary>
    public (string State, string Reason)? Preempted { get; set; }

    /// <summary>RUNNING has been queued for the master (once per container).</summary>
    public bool RunningReported { get; set; }

    /// <summary>The master asked for the kill: the exit is KILLED, not a failure.</summary>
    public bool KillRequested { get; set; }

    /// <summary>The runtime reported an OOM event for the container.</summary>
    public bool OomEvent { get; set; }

    /// <summary>A kill the agent did not make was seen on the event stream (docker kill, an operator).</summary>
    public string? OutsideKillSignal { get; set; }

    /// <summary>The runtime's death event for the container has been seen: every oom and kill event came before it.</summary>
    public bool DeathSeen { get; set; }

    /// <summary>An exit that only the death event can explain (see <see cref="TaskExit.NeedsDeathEvent"/>), kept until it comes.</summary>
    public ContainerSnapshot? PendingExit { get; set; }

    /// <summary>
    /// Left from a registration the master has since dropped (its task was reported LOST and may already
    /// run again elsewhere, even here under the same id): killed and removed without a report, so a stale
    /// update can never end the task's new run.
    /// </summary>
    public bool Orphan { get; set; }

    public (string State, string? Reason)? Final { get; set; }

    /// <summary>Ends the wait on the container once its final state is known another way.</summary>
    public CancellationTokenSource Waiting { get; } = new();

    public (int, string) Key => (FrameworkId, TaskId);
}
