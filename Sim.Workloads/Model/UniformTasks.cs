using System.Collections;
using ClusterSim.Core.Timing;

namespace ClusterSim.Workloads.Model;

/// <summary>
/// The tasks of one job that are alike but for their run time (a synthetic job's): one shared
/// <see cref="WorkloadTask"/> and a run time per task. A task's record is made when it is read.
/// </summary>
/// <remarks>
/// Why: a synthetic job's tasks wait in their framework's queue, most of them for hours on a loaded cluster,
/// and a 112-byte record per waiting task was a fifth of scale-100k's heap. Kept this way a waiting task costs
/// its 8-byte run time; the record is made when the task launches, young with the task that holds it.
/// </remarks>
public sealed class UniformTasks : IReadOnlyList<WorkloadTask>
{
    private readonly WorkloadTask _shape;
    private readonly Duration[] _durations;

    /// <param name="shape">What every task shares (its Index and Duration are ignored).</param>
    /// <param name="durations">Each task's run time, in task order.</param>
    public UniformTasks(WorkloadTask shape, Duration[] durations)
    {
        if (shape.Parents.Count > 0) throw new ArgumentException("tasks alike but for their run time wait for no parents", nameof(shape));
        _shape = shape;
        _durations = durations;
    }

    /// <summary>What every task asks for.</summary>
    public Core.Resources.Resources Request => _shape.Request;

    public int Count => _durations.Length;

    /// <summary>What every task shares; its Index and Duration are not the tasks'.</summary>
    internal WorkloadTask Shape => _shape;

    /// <summary>The run time of the task at <paramref name="index"/>, without making its record.</summary>
    internal Duration DurationOf(int index) => _durations[index];

    public WorkloadTask this[int index] => _shape with { Index = index, Duration = _durations[index] };

    public IEnumerator<WorkloadTask> GetEnumerator()
    {
        for (int i = 0; i < _durations.Length; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
