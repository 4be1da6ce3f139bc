using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Synthetic;

namespace ClusterSim.Experiments.Model;

/// <summary>
/// Master failovers, at the listed times (<see cref="Failovers"/>) or after draws of <see cref="Mtbf"/>. At a
/// failover the offers are rescinded; each agent re-registers after a draw of <see cref="Reregistration"/>
/// and each framework re-subscribes after a draw of <see cref="Resubscribe"/>; an agent not back within
/// <see cref="ReregistrationTimeout"/> is removed, its tasks LOST (Mesos's agent_reregister_timeout,
/// 10 minutes by default).
/// </summary>
public sealed record MasterFaults(IReadOnlyList<Duration> Failovers, Distribution? Mtbf, Distribution Reregistration,
    Distribution Resubscribe, Duration ReregistrationTimeout)
{
    public static readonly Duration DefaultReregistrationTimeout = Duration.FromMinutes(10);

    /// <summary>The spreads a timed failMaster event uses when the file has no master: section.</summary>
    public static readonly MasterFaults Default = new([], null, new Distribution(DistributionKind.Uniform, 5, 60),
        Distribution.Constant(10), DefaultReregistrationTimeout);
}
