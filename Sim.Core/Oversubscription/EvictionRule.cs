namespace ClusterSim.Core.Oversubscription;

/// <summary>Which revocable tasks the QoS controller evicts from an overloaded agent.</summary>
public enum EvictionRule
{
    /// <summary>Every revocable task on the agent, as Mesos's load QoS controller does
    /// (src/slave/qos_controllers/load.cpp: a KILL correction for every executor with revocable resources).</summary>
    All,

    /// <summary>The most recently launched revocable tasks first, until the agent's usage is back under the
    /// threshold: fewer evictions for the same protection (not a Mesos controller; a researcher's alternative).</summary>
    NewestFirst,
}
