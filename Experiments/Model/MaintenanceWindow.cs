using ClusterSim.Core.Timing;

namespace ClusterSim.Experiments.Model;

/// <summary>An operator's maintenance window on an agent of an experiment: scheduled at the event's time, the
/// machine goes down at <see cref="Start"/> and comes back after <see cref="Duration"/>.</summary>
public sealed record MaintenanceWindow(string Agent, Time Start, Duration Duration)
{
    public override string ToString() => $"maintenance of {Agent} from {Start} for {Duration}";
}
