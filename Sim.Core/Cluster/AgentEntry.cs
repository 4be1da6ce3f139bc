using ClusterSim.Core.Agents;
using ClusterSim.Core.Ids;

namespace ClusterSim.Core.Cluster;

/// <summary>The master's record of a registered agent.</summary>
internal sealed class AgentEntry(AgentId id, AgentInfo info, IAgentLink link)
{
    public AgentId Id { get; } = id;
    /// <summary>What it registered with, or its latest update.</summary>
    public AgentInfo Info { get; set; } = info;

    /// <summary>False while deactivated or draining: nothing on it is offered.</summary>
    public bool Active { get; set; } = true;

    /// <summary>Being drained (DRAIN_AGENT): deactivated, its tasks killed; drained once none is left.</summary>
    public bool Draining { get; set; }

    /// <summary>Its maintenance window, if one is scheduled.</summary>
    public Unavailability? Unavailability { get; set; }
    public IAgentLink Link { get; } = link;

    /// <summary>The places of its live tasks in the master's <see cref="LiveTaskTable"/>, in launch order, so
    /// losing the agent reports them in a stable order. Places, not records: see the table's remarks.</summary>
    public List<int> Tasks { get; } = [];

    /// <summary>Takes an ended task's place out of <see cref="Tasks"/>, keeping the others' order.</summary>
    public void RemoveTask(int slot)
    {
        int at = Tasks.IndexOf(slot);
        if (at >= 0) Tasks.RemoveAt(at);
    }
}
