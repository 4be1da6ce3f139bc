using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Model;

namespace ClusterSim.Workloads.Frameworks;

/// <summary>A task as its framework follows it, from submission to the end of the run.</summary>
public sealed class TrackedTask
{
    internal TrackedTask(TrackedJob job, WorkloadTask spec, TaskId id)
    {
        Job = job;
        Spec = spec;
        Id = id;
        Submit = job.Submit;
    }

    public TrackedJob Job { get; }
    public WorkloadTask Spec { get; }
    public TaskId Id { get; }
    public Time Submit { get; }

    /// <summary>Null while pending (never launched, or waiting to be launched again).</summary>
    public TaskState? State { get; internal set; }

    public Time? Start { get; internal set; }
    public Time? End { get; internal set; }
    public string? Agent { get; internal set; }

    /// <summary>The role of the offer its current (or last) attempt was launched on (null: not launched, or
    /// placed without an offer); a MULTI_ROLE framework's tasks are accounted in it.</summary>
    public string? Role { get; internal set; }
    public int Attempts { get; internal set; }

    /// <summary>Ended for good: it will not run again.</summary>
    public bool IsFinal { get; internal set; }

    /// <summary>Waiting for DAG parents to finish.</summary>
    internal bool Blocked { get; set; }

    // Links of the framework's pending queue: O(1) removal from the middle when a later task fits.
    internal TrackedTask? Next { get; set; }
    internal TrackedTask? Previous { get; set; }
    internal bool Queued { get; set; }

    /// <summary>The pending queue holding the task, so a scheduler outside the framework can take it out.</summary>
    internal PendingQueue? Queue { get; set; }

    /// <summary>The state written to outputs: PENDING until launched.</summary>
    public string StateName => State?.Name() ?? "PENDING";
}
