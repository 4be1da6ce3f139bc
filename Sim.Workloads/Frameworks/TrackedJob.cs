using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Model;

namespace ClusterSim.Workloads.Frameworks;

/// <summary>A job as its framework follows it: its tasks and what has become of them.</summary>
public sealed class TrackedJob
{
    internal TrackedJob(WorkloadJob source, string id)
    {
        Source = source;
        Id = id;
        Submit = source.Submit;
        Tasks = new TrackedTask[source.Tasks.Count];
    }

    public WorkloadJob Source { get; }

    /// <summary>Arrival order within the framework.</summary>
    internal long Sequence { get; set; }

    /// <summary>Unique within the framework (a trace job that arrives in parts gets one id per part).</summary>
    public string Id { get; }

    public Time Submit { get; }

    /// <summary>The role its work must run in, when its framework's workload names one per role (null: any
    /// of the framework's roles).</summary>
    public string? Role { get; internal set; }
    public TrackedTask[] Tasks { get; }
    public Time? FirstStart { get; internal set; }
    public Time? End { get; internal set; }
    public int Finished { get; internal set; }
    public int Failed { get; internal set; }

    /// <summary>Tasks that ended for good (finished, failed past retries, killed, or never runnable).</summary>
    public int Ended { get; internal set; }

    public bool IsDone => Ended == Tasks.Length;

    /// <summary>FINISHED when every task finished, FAILED when all ended but some did not finish, RUNNING
    /// once one started, else PENDING.</summary>
    public string State => IsDone ? (Failed == 0 && Finished == Tasks.Length ? "FINISHED" : "FAILED")
        : FirstStart != null ? "RUNNING" : "PENDING";

    /// <summary>DAG barriers: tasks sharing one parent list wait on one counter.</summary>
    internal Dictionary<IReadOnlyList<int>, DagBarrier>? Barriers { get; set; }

    /// <summary>For each task index, the barriers its finishing counts down.</summary>
    internal List<DagBarrier>[]? ParentOf { get; set; }
}
