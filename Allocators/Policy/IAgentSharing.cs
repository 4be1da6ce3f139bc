using ClusterSim.Allocators.Hierarchical;

namespace ClusterSim.Allocators.Policy;

/// <summary>Which roles an agent may be offered to: all of them (Mesos), or only its owner (static
/// partitioning, the Mesos paper's baseline).</summary>
internal interface IAgentSharing
{
    void AgentAdded(AgentSlot agent);

    void AgentRemoved(AgentSlot agent);

    bool Offers(AgentSlot agent, RoleSlot role);
}
