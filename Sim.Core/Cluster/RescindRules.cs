using ClusterSim.Core.Allocation;
using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Core.Cluster;

/// <summary>
/// Which outstanding offers an operator action takes back, as Mesos's master chooses them. Each rule only
/// picks offers (in the order given); the master rescinds them.
/// </summary>
internal static class RescindRules
{
    /// <summary>
    /// The filter a rescind for an operator RESERVE or UNRESERVE installs: Mesos passes a default
    /// <c>Filters()</c>, whose refuse_seconds defaults to 5 (include/mesos/mesos.proto, Filters), so that the
    /// framework is not offered the same resources again before the operation lands.
    /// </summary>
    public static readonly Duration OperationRefuse = Duration.FromSeconds(5);

    /// <summary>
    /// A quota change (src/master/quota_handler.cpp, QuotaHandler::_update). First, offers to the role, by
    /// framework, until what the role consumes plus what it is offered is within the new limit; then offers to
    /// other roles, by agent, until what was rescinded plus what the role consumes and is offered covers the
    /// new guarantee. No limit and no guarantee (or a raised limit the role is already within) rescind nothing.
    /// <paramref name="consumedAndOffered"/> is the master's sum of the two, which counts offered reservations
    /// twice as Mesos's does.
    /// </summary>
    public static List<Offer> ForQuota(Quota quota, R consumedAndOffered, IEnumerable<Offer> byFramework,
        IEnumerable<Offer> byAgent, Func<Offer, bool> ofRole)
    {
        var rescind = new List<Offer>();
        foreach (var offer in byFramework)
        {
            if (WithinLimit(quota, consumedAndOffered)) break;
            if (!ofRole(offer)) continue;
            consumedAndOffered = consumedAndOffered.SubtractFloored(offer.Resources);
            rescind.Add(offer);
        }
        var rescinded = R.Empty;
        foreach (var offer in byAgent)
        {
            if ((rescinded + consumedAndOffered).Contains(quota.Guarantee)) break;
            if (ofRole(offer)) continue;
            rescinded += offer.Resources;
            rescind.Add(offer);
        }
        return rescind;
    }

    /// <summary>
    /// An operator RESERVE or UNRESERVE on an agent (src/master/http.cpp, Http::_operation): the agent's
    /// offers one at a time, skipping those that hold none of what the operation needs, until the rescinded
    /// ones cover it. Mesos counts free resources as gone (the allocator may be offering them), so offers are
    /// rescinded even when enough is free. <paramref name="needed"/> says which part of an offer the operation
    /// can use (its unreserved resources for RESERVE, its role's reserved ones for UNRESERVE).
    /// </summary>
    public static List<Offer> ForOperation(R required, IEnumerable<Offer> agentOffers,
        Func<Offer, R> needed)
    {
        var rescind = new List<Offer>();
        var left = required;
        var recovered = R.Empty;
        foreach (var offer in agentOffers)
        {
            var part = needed(offer);
            if (!Overlaps(left, part)) continue;
            recovered += part;
            left = left.SubtractFloored(part);
            rescind.Add(offer);
            if (recovered.Contains(required)) break;
        }
        return rescind;
    }

    /// <summary>Mesos's ResourceLimits::contains: every limited resource at or below its limit.</summary>
    private static bool WithinLimit(Quota quota, R consumed)
    {
        if (!quota.HasLimit) return true;
        foreach (var kind in ResourceKinds.All)
            if (quota.Limited.Has(kind) && consumed.Fixed(kind) > quota.Limit.Fixed(kind)) return false;
        return true;
    }

    private static bool Overlaps(R a, R b)
    {
        foreach (var kind in ResourceKinds.All)
            if (a.Fixed(kind) > 0 && b.Fixed(kind) > 0) return true;
        return false;
    }
}
