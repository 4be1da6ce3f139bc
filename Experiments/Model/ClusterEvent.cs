using ClusterSim.Core.Allocation;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Experiments.Model;

/// <summary>
/// An operator action at a fixed time of an experiment: a quota or weight change, or a reservation made or
/// released on an agent (named as the run names agents: the group's name prefix and its index), or a scripted
/// fault (an agent, a rack or the master fails; an agent is repaired).
/// </summary>
public sealed record ClusterEvent(Time At, ClusterEventKind Kind, string Role)
{
    public Quota? Quota { get; init; }
    public double Weight { get; init; }
    public string? Agent { get; init; }
    public R Resources { get; init; }
    public FrameworkEvent? Framework { get; init; }
    public MaintenanceWindow? Maintenance { get; init; }
    public AgentEvent? AgentEvent { get; init; }

    /// <summary>For failRack: the attribute and the value whose agents fail; for failRack and failAgent, how
    /// long until they register again (null: they stay down until a repairAgent).</summary>
    public string? Attribute { get; init; }
    public string? Value { get; init; }
    public Duration? RepairAfter { get; init; }

    public override string ToString() => Kind switch
    {
        ClusterEventKind.SetQuota => $"{At}: quota of {Role} set to {Quota}",
        ClusterEventKind.SetWeight => $"{At}: weight of {Role} set to {Weight}",
        ClusterEventKind.Reserve => $"{At}: {Resources} reserved for {Role} on {Agent}",
        ClusterEventKind.FailAgent => $"{At}: agent {Agent} fails",
        ClusterEventKind.RepairAgent => $"{At}: agent {Agent} is repaired",
        ClusterEventKind.FailRack => $"{At}: agents with {Attribute}={Value} fail",
        ClusterEventKind.FailMaster => $"{At}: the master fails over",
        ClusterEventKind.Framework => $"{At}: {Framework}",
        ClusterEventKind.Maintenance => $"{At}: {Maintenance}",
        ClusterEventKind.Agent => $"{At}: {AgentEvent}",
        _ => $"{At}: {Resources} of {Role} unreserved on {Agent}",
    };
}
