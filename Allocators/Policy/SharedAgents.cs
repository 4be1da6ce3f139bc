using ClusterSim.Allocators.Hierarchical;

namespace ClusterSim.Allocators.Policy;

/// <summary>Every agent may be offered to every role, as in Mesos.</summary>
internal sealed class SharedAgents : IAgentSharing
{
    public static readonly SharedAgents Instance = new();

    public void AgentAdded(AgentSlot agent)
    {
    }

    public void AgentRemoved(AgentSlot agent)
    {
    }

    public bool Offers(AgentSlot agent, RoleSlot role) => true;
}
