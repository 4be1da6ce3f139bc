using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Hierarchical;

/// <summary>
/// Quota enforcement in an allocation run (Mesos 1.9+, hierarchical.cpp, __generateOffers): the headroom the
/// run must leave unallocated for unmet guarantees, and how much of an agent's free unreserved resources a
/// role may be offered in each stage under its guarantee, its limit and that headroom.
/// </summary>
internal sealed class QuotaHeadroom
{
    private R _required;

    /// <summary>Some role has a guarantee: the run has a first (quota) stage.</summary>
    public bool AnyGuarantee { get; private set; }

    /// <summary>Some role has a guarantee or a limit: offers may be cut.</summary>
    public bool AnyQuota { get; private set; }

    /// <summary>The unreserved resources that must stay unallocated for unmet guarantees now.</summary>
    public R Required => _required;

    /// <summary>
    /// Starts a run: the required headroom is the sum of every role's unmet guarantee, whether the role has
    /// frameworks or not (`requiredHeadroom += guarantees - consumedQuota` over all top-level roles).
    /// </summary>
    public void StartRun(IReadOnlyList<RoleSlot> roles)
    {
        _required = R.Empty;
        bool anyGuarantee = false, anyLimit = false;
        foreach (var role in roles)
        {
            anyLimit |= role.Quota.HasLimit;
            if (!role.Quota.HasGuarantee) continue;
            _required += role.UnsatisfiedGuarantee;
            anyGuarantee = true;
        }
        AnyGuarantee = anyGuarantee;
        AnyQuota = anyGuarantee || anyLimit;
    }

    /// <summary>
    /// The first stage: what helps the unmet guarantee is offered unconditionally; an agent that offers nothing
    /// towards it is skipped here and left to the second stage (`if (guaranteesOffering.empty()) continue;`).
    /// The rest of the agent, guaranteed kinds included, may burst above the guarantee up to the limit as far
    /// as the headroom other roles need allows (`additionalScalarOffering = quotaResources -
    /// guaranteesOffering`, shrunk by the limit and by availableHeadroom - requiredHeadroom).
    /// </summary>
    public R StageOne(RoleSlot role, R available, R freeUnreserved, out R towardGuarantee)
    {
        var guaranteed = available.Min(role.UnsatisfiedGuarantee);
        towardGuarantee = guaranteed;
        if (guaranteed.IsEmpty) return R.Empty;
        var room = role.Quota.LimitRoom(role.Consumption + guaranteed, available);
        return guaranteed + (available - guaranteed).Min(room).Min(Surplus(freeUnreserved));
    }

    /// <summary>
    /// The second stage (hierarchical.cpp, __generateOffers, second stage): everything free within the limit,
    /// less the headroom every unmet guarantee needs, the role's own included (`shrinkResources(
    /// additionalScalarOffering, availableHeadroom - requiredHeadroom)`); the required headroom does not
    /// shrink in this stage, only the available one as grants take it.
    /// </summary>
    public R StageTwo(RoleSlot role, R available, R freeUnreserved, out R towardGuarantee)
    {
        towardGuarantee = R.Empty;
        return available.Min(role.Quota.LimitRoom(role.Consumption, available)).Min(Surplus(freeUnreserved));
    }

    /// <summary>A grant that helped a guarantee lowers the headroom still required.</summary>
    public void Granted(R towardGuarantee) => _required = _required.SubtractFloored(towardGuarantee);

    private R Surplus(R freeUnreserved) => freeUnreserved.SubtractFloored(_required);
}
