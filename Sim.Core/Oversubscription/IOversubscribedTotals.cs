using ClusterSim.Core.Ids;

namespace ClusterSim.Core.Oversubscription;

/// <summary>
/// Where an agent's estimator sends its oversubscribed total: the allocator's side of Mesos's UpdateSlaveMessage
/// (src/master/master.cpp, updateSlave, then the allocator's updateSlave with the oversubscribed resources). The
/// allocator that keeps revocable resources lives in Allocators; the estimator on the agent needs only this.
/// </summary>
public interface IOversubscribedTotals
{
    /// <summary>The agent's revocable total, as its estimator last reported it.</summary>
    Resources.Resources OversubscribedOn(AgentId agent);

    /// <summary>Replaces the agent's revocable total.</summary>
    void UpdateOversubscribed(AgentId agent, Resources.Resources total);
}
