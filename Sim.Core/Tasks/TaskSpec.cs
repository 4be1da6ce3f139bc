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
}
