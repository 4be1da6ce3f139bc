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

    /// <summary>An agent's unreserved total grew (or shrank) by <paramref name="delta"/>, all of it free.</summary>
    public void Resized(R delta) => FreeUnreserved += delta;

    /// <summary>The agent leaves; what frameworks held there has been returned first.</summary>
    public void AgentRemoved(AgentSlot agent, IReadOnlyDictionary<string, RoleSlot> roles)
    {
        foreach (var (role, reserved) in agent.TotalReserved) roles[role].ReservedTotal -= reserved;
        FreeUnreserved -= agent.FreeUnreserved;
    }

    /// <summary>A grant of <paramref name="resources"/> (<paramref name="reserved"/> of them reservations the
    /// role may use) leaves the agent's free pools. The role's own reservation is taken first, then those of the
    /// roles it is nested in, nearest first (Resources::isAllocatableTo offers all of them to it); returns the
    /// part that came from ancestors, which stays their reservation (and counts in their quota consumption).</summary>
    public R Take(AgentSlot agent, RoleSlot role, FrameworkSlot framework, R resources, R reserved)
    {
        var unreserved = resources - reserved;
        agent.FreeUnreserved -= unreserved;
        FreeUnreserved -= unreserved;
        role.AllocatedUnreserved += unreserved;
        if (reserved.IsEmpty) return R.Empty;
        var own = role.Parent == null ? reserved : reserved.Min(agent.FreeReservedFor(role.Name));
        agent.AddFreeReserved(role.Name, R.Empty - own);
        var rest = reserved - own;
        var inherited = rest;
        for (var ancestor = role.Parent; ancestor != null && !rest.IsEmpty; ancestor = ancestor.Parent)
        {
            var part = rest.Min(agent.FreeReservedFor(ancestor.Name));
            agent.AddFreeReserved(ancestor.Name, R.Empty - part);
            agent.AddInherited(framework.Key, ancestor.Name, part);
            rest -= part;
        }
        if (!rest.IsEmpty)
            throw new InvalidOperationException($"role '{role.Name}' is granted {reserved} reserved on agent '{agent.Info.Name}' but only part of it is free there");
        return inherited;
    }

    /// <summary>The reverse of <see cref="Take"/>: <paramref name="reserved"/> goes back to the role's own
    /// reservation first (as far as the framework holds it: <paramref name="heldReserved"/> before this return),
    /// then to the ancestors' it holds, nearest first.</summary>
    public void Return(AgentSlot agent, RoleSlot role, FrameworkSlot framework, R resources, R reserved, R heldReserved)
    {
        var unreserved = resources - reserved;
        agent.FreeUnreserved += unreserved;
        FreeUnreserved += unreserved;
        role.AllocatedUnreserved -= unreserved;
        if (reserved.IsEmpty) return;
        if (role.Parent == null || agent.Inherited == null)
        {
            agent.AddFreeReserved(role.Name, reserved);
            return;
        }
        var own = reserved.Min(heldReserved - agent.InheritedBy(framework.Key));
        agent.AddFreeReserved(role.Name, own);
        var rest = reserved - own;
        for (var ancestor = role.Parent; ancestor != null && !rest.IsEmpty; ancestor = ancestor.Parent)
        {
            var part = rest.Min(agent.InheritedBy(framework.Key, ancestor.Name));
            agent.AddInherited(framework.Key, ancestor.Name, R.Empty - part);
            agent.AddFreeReserved(ancestor.Name, part);
            rest -= part;
        }
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
            if (!agent.ByFramework.TryGetValue(holder.Key, out var held)) return false;
            // A framework unreserves only its own role's reservation, not one it was offered from an ancestor.
            var own = held.Reserved - agent.InheritedBy(holder.Key);
            if (!(reserve ? held.Unreserved : own).Contains(resources)) return false;
            agent.ByFramework.Set(holder.Key, held with { Reserved = held.Reserved + sign });
            role.AllocatedUnreserved -= sign;
        }
        else
        {
            if (!(reserve ? agent.FreeUnreserved : agent.FreeReservedFor(role.Name)).Contains(resources)) return false;
            agent.FreeUnreserved -= sign;
            FreeUnreserved -= sign;
            agent.AddFreeReserved(role.Name, sign);
        }
        agent.TotalUnreserved -= sign;
        AgentSlot.Add(agent.TotalReserved, role.Name, sign);
        role.ReservedTotal += sign;
        return true;
    }
}
