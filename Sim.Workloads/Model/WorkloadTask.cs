using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;

namespace ClusterSim.Workloads.Model;

/// <summary>
/// One thing to launch: a task instance of a job, with what it asks for and how long it runs once started.
/// </summary>
/// <param name="Index">Position of this task in its <see cref="WorkloadJob.Tasks"/> list (0-based).</param>
/// <param name="Name">
/// The trace's name for the task or stage: Google's task index, Alibaba's task_name (shared by its instances),
/// SWIM's "map"/"reduce", SWF's empty string.
/// </param>
/// <param name="Request">Resources the task asks for (and holds while it runs).</param>
/// <param name="Duration">Run time once launched; <see cref="Duration.Forever"/> for a task that never ends.</param>
/// <param name="Submit">When the task arrives; always its job's <see cref="WorkloadJob.Submit"/>.</param>
/// <param name="Attempt">0 for a first submission, 1 for the first resubmission (Google), and so on.</param>
/// <param name="EndsAs">How the trace ended this attempt.</param>
/// <param name="Parents">
/// Indices (within the same job) of the tasks that must all have finished before this one may start.
/// Instances of one stage share one list object, so a wide DAG costs one list per stage, not per instance.
/// </param>
public sealed record WorkloadTask(
    int Index,
    string Name,
    Resources Request,
    Duration Duration,
    Time Submit,
    int Attempt,
    TaskOutcome EndsAs,
    IReadOnlyList<int> Parents)
{
    /// <summary>The shared empty parent list of a task without dependencies.</summary>
    public static readonly IReadOnlyList<int> NoParents = Array.Empty<int>();

    /// <summary>
    /// The share of <see cref="Request"/> the task actually uses, in [0, 1], when its trace measured it
    /// (Google task_usage, Alibaba batch_instance: see <c>TraceUsageOptions</c>); null otherwise, and the
    /// task then uses its framework's <c>usage:</c> draw (1.0 without one). Read by the oversubscription model.
    /// </summary>
    /// <remarks>Kept as a double, NaN for none, not as a 16-byte nullable: a trace replay holds a record per
    /// waiting task. A NaN given reads back as null.</remarks>
    public double? Usage
    {
        get => double.IsNaN(_usage) ? null : _usage;
        init => _usage = value ?? double.NaN;
    }

    private readonly double _usage = double.NaN;
}
