using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>
/// Where resources are, reserved or not: each agent's free unreserved pool and free reservations per role,
/// each role's reservations (which count against its quota whether allocated or not, as in Mesos's
/// quotaOfferedOrConsumed), and the cluster's free unreserved resources (Mesos's available headroom).
/// Grants take from the pools, recoveries return to them, RESERVE and UNRESERVE move between them.
/// </summary>
internal sealed class ReservationBook
{
    /// <summary>Free unreserved resources on all agents.</summary>
    public R FreeUnreserved { get; private set; }

    public void AgentAdded(AgentSlot agent, Func<string, RoleSlot> roleOf)
    {
        foreach (var (role, reserved) in agent.TotalReserved) roleOf(role).ReservedTotal += reserved;
        FreeUnreserved += agent.FreeUnreserved;
    }

    /// <summary>The agent leaves; what frameworks held there has been returned first.</summary>
    public void AgentRemoved(AgentSlot agent, IReadOnlyDictionary<string, RoleSlot> roles)
    {
        foreach (var (role, reserved) in agent.TotalReserved) roles[role].ReservedTotal -= reserved;
        FreeUnreserved -= agent.FreeUnreserved;
    }

    /// <summary>A grant of <paramref name="resources"/> (<paramref name="reserved"/> of them the role's
    /// reservation) leaves the agent's free pools.</summary>
    public void Take(AgentSlot agent, RoleSlot role, R resources, R reserved)
    {
        var unreserved = resources - reserved;
        agent.FreeUnreserved -= unreserved;
        AgentSlot.Add(agent.FreeReserved, role.Name, R.Empty - reserved);
        FreeUnreserved -= unreserved;
        role.AllocatedUnreserved += unreserved;
    }

    /// <summary>The reverse of <see cref="Take"/>.</summary>
    public void Return(AgentSlot agent, RoleSlot role, R resources, R reserved)
    {
        var unreserved = resources - reserved;
        agent.FreeUnreserved += unreserved;
        AgentSlot.Add(agent.FreeReserved, role.Name, reserved);
        FreeUnreserved += unreserved;
        role.AllocatedUnreserved -= unreserved;
    }

    /// <summary>
    /// Moves resources between an agent's unreserved pool and a role's reservation (RESERVE when
    /// <paramref name="reserve"/>, UNRESERVE otherwise). Held resources stay with their framework (only their
    /// reservation changes), so the role's quota consumption does not change; free ones change pool, and a
    /// reservation counts against quota whether allocated or not. Returns false, changing nothing, when the
    /// resources are not there.
    /// </summary>
    public bool Move(AgentSlot agent, RoleSlot role, R resources, FrameworkSlot? holder, bool reserve)
    {
        var sign = reserve ? resources : R.Empty - resources;
        if (holder != null)
        {
            if (holder.Role != role) return false;
            if (!agent.ByFramework.TryGetValue(holder.Id.Value, out var held)) return false;
            if (!(reserve ? held.Unreserved : held.Reserved).Contains(resources)) return false;
            agent.ByFramework.Set(holder.Id.Value, held with { Reserved = held.Reserved + sign });
            role.AllocatedUnreserved -= sign;
        }
        else
        {
            if (!(reserve ? agent.FreeUnreserved : agent.FreeReservedFor(role.Name)).Contains(resources)) return false;
            agent.FreeUnreserved -= sign;
            FreeUnreserved -= sign;
            AgentSlot.Add(agent.FreeReserved, role.Name, sign);
        }
        agent.TotalUnreserved -= sign;
        AgentSlot.Add(agent.TotalReserved, role.Name, sign);
        role.ReservedTotal += sign;
        return true;
    }
}
