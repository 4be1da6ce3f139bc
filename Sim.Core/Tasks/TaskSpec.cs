using ClusterSim.Core.Ids;
using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Tasks;

/// <summary>
/// A task a framework asks to launch on an accepted offer. <see cref="Duration"/> is how long it runs once
/// started (<see cref="Duration.Forever"/>: until killed); <see cref="Fails"/> makes it end FAILED rather than
/// FINISHED. <see cref="Container"/> says what to run in live mode and is ignored in simulation.
/// </summary>
public sealed record TaskSpec(TaskId Id, Core.Resources.Resources Resources, Duration Duration, bool Fails = false)
{
    public ContainerSpec? Container { get; init; }

    /// <summary>Which of the offer's resources the task uses (in Mesos a task's resources name their
    /// reservation): true, the role's reserved ones only; false, unreserved ones only; null (the default), the
    /// reserved ones first, then unreserved.</summary>
    public bool? UsesReserved { get; init; }

    /// <summary>
    /// The framework's own record of the task, opaque to the master and never sent anywhere: the master hands it
    /// back on the task's status updates (<see cref="StatusUpdate.FrameworkRecord"/>) so that a framework in its
    /// process finds its record without looking the id up. Null for a task that came over the scheduler API.
    /// </summary>
    /// <remarks>Why: on scale-100k a framework's map from task id to its record cost about 5% of the run in cache
    /// misses, at launch, at the RUNNING update and at the end (docs/PERFORMANCE.md, 2026-11-29, 12:54).</remarks>
    public object? FrameworkRecord { get; init; }
}
