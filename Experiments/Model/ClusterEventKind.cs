namespace ClusterSim.Experiments.Model;

public enum ClusterEventKind
{
    SetQuota,
    SetWeight,
    Reserve,
    Unreserve,

    /// <summary>A framework's lifecycle event (<see cref="ClusterEvent.Framework"/>).</summary>
    Framework,

    /// <summary>A maintenance window (<see cref="ClusterEvent.Maintenance"/>).</summary>
    Maintenance,

    /// <summary>An agent's lifecycle action (<see cref="ClusterEvent.AgentEvent"/>).</summary>
    Agent,

    // Scripted faults, carried out by the simulation's FaultInjector; they stay last (RecordedRun and the
    // parser test Kind >= FailAgent).

    FailAgent,
    RepairAgent,
    FailRack,
    FailMaster,
}
