using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Core.Tests.Cluster;

public class RescindRulesTests
{
    private static long _nextOffer;

    private static Offer Offer(int framework, int agent, string resources, string? reserved = null) =>
        new(new OfferId(++_nextOffer), new FrameworkId(framework), new AgentId(agent),
            AgentInfo.Of("a" + agent, "cpus:8;mem:8192"), R.Parse(resources), Time.Zero)
        {
            Reserved = reserved == null ? R.Empty : R.Parse(reserved),
        };

    private static Quota QuotaOf(string guarantee, string? limit = null)
    {
        R? l = limit == null ? null : R.Parse(limit);
        var limited = new ResourceKindSet();
        if (l is { } lr)
            foreach (var kind in ResourceKinds.All)
                if (lr.Fixed(kind) > 0) limited = limited.With(kind);
        return Quota.Create(guarantee == "" ? R.Empty : R.Parse(guarantee), l, limited);
    }

    [Test]
    public void A_Guarantee_RescindsOtherRolesOffers_UntilTheyCoverIt()
    {
        // quota_handler.cpp, _update: rescinded + consumedAndOffered must contain the guarantee.
        var offers = new[] { Offer(0, 0, "cpus:2;mem:2048"), Offer(0, 1, "cpus:2;mem:2048"), Offer(0, 2, "cpus:2;mem:2048") };
        var rescind = RescindRules.ForQuota(QuotaOf("cpus:3;mem:3072"), R.Parse("cpus:0.5;mem:512"), offers, offers, _ => false);
        Assert.That(rescind, Is.EqualTo(offers.Take(2)));
    }

    [Test]
    public void A_Guarantee_NeverRescindsTheRolesOwnOffers()
    {
        var own = Offer(1, 0, "cpus:2;mem:2048");
        var other = Offer(0, 1, "cpus:2;mem:2048");
        var rescind = RescindRules.ForQuota(QuotaOf("cpus:4;mem:4096"), R.Empty, [own, other], [own, other], e => e == own);
        Assert.That(rescind, Is.EqualTo(new[] { other }));
    }

    [Test]
    public void A_RaisedLimit_TheRoleIsWithin_RescindsNothing()
    {
        var own = Offer(1, 0, "cpus:2;mem:2048");
        var rescind = RescindRules.ForQuota(QuotaOf("", "cpus:8"), R.Parse("cpus:2;mem:2048"), [own], [own], _ => true);
        Assert.That(rescind, Is.Empty);
        Assert.That(RescindRules.ForQuota(Quota.None, R.Parse("cpus:2;mem:2048"), [own], [own], _ => true), Is.Empty,
            "removing a quota rescinds nothing");
    }

    [Test]
    public void A_LoweredLimit_RescindsTheRolesOffers_UntilItIsWithin()
    {
        var first = Offer(1, 0, "cpus:2;mem:2048");
        var second = Offer(1, 1, "cpus:2;mem:2048");
        var other = Offer(0, 1, "cpus:2;mem:2048");
        var rescind = RescindRules.ForQuota(QuotaOf("", "cpus:2"), R.Parse("cpus:4;mem:4096"),
            [first, other, second], [first, other, second], e => e != other);
        Assert.That(rescind, Is.EqualTo(new[] { first }));
    }

    [Test]
    public void An_Operation_RescindsOffersInOrder_SkippingThoseWithNothingItNeeds_UntilCovered()
    {
        // http.cpp, _operation: an offer that does not reduce what is required is skipped.
        var reservedOnly = Offer(0, 0, "cpus:1;mem:1024", reserved: "cpus:1;mem:1024");
        var small = Offer(1, 0, "cpus:1;mem:512");
        var large = Offer(2, 0, "cpus:2;mem:2048");
        var last = Offer(3, 0, "cpus:2;mem:2048");
        var rescind = RescindRules.ForOperation(R.Parse("cpus:2;mem:1024"), [reservedOnly, small, large, last],
            o => o.Unreserved);
        Assert.That(rescind, Is.EqualTo(new[] { small, large }));
    }

    [Test]
    public void The_FilterOfARescindForAnOperation_IsMesossDefaultRefuse() =>
        // include/mesos/mesos.proto: Filters.refuse_seconds defaults to 5.
        Assert.That(RescindRules.OperationRefuse, Is.EqualTo(Duration.FromSeconds(5)));
}
