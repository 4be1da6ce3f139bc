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
}
