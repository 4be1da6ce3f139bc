using ClusterSim.Allocators.Hierarchical;
using static ClusterSim.Allocators.Tests.Hierarchical.PartsFixtures;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Tests.Hierarchical;

public class QuotaHeadroomTests
{
    [Test]
    public void The_RequiredHeadroom_IsEveryRolesUnmetGuarantee_WithFrameworksOrNot()
    {
        var headroom = new QuotaHeadroom();
        var a = Role("a", QuotaOf("cpus:2;mem:1024"));
        var b = Role("b", QuotaOf("cpus:1"));
        a.AllocatedUnreserved = R.Parse("cpus:1;mem:1024");
        headroom.StartRun([a, b, Role("c")]);
        Assert.That(headroom.Required, Is.EqualTo(R.Parse("cpus:2")));
        Assert.That(headroom.AnyGuarantee && headroom.AnyQuota, Is.True);
        headroom.Granted(R.Parse("cpus:1.5"));
        Assert.That(headroom.Required, Is.EqualTo(R.Parse("cpus:0.5")));
    }

    [Test]
    public void StageOne_SkipsAnAgentThatCannotHelpTheGuarantee()
    {
        var headroom = new QuotaHeadroom();
        var g = Role("g", QuotaOf("disk:100"));
        headroom.StartRun([g]);
        Assert.That(headroom.StageOne(g, R.Parse("cpus:4;mem:4096"), R.Parse("cpus:4;mem:4096"), out _), Is.EqualTo(R.Empty));
    }

    [Test]
    public void StageOne_BurstsUpToTheLimit_WithinTheSpareHeadroom()
    {
        var headroom = new QuotaHeadroom();
        var g = Role("g", QuotaOf("cpus:1;mem:1024", "cpus:3;mem:3072"));
        var h = Role("h", QuotaOf("cpus:1;mem:1024"));
        headroom.StartRun([g]);
        var agent = R.Parse("cpus:4;mem:4096");
        Assert.That(headroom.StageOne(g, agent, agent, out var toward), Is.EqualTo(R.Parse("cpus:3;mem:3072")), "the limit");
        Assert.That(toward, Is.EqualTo(R.Parse("cpus:1;mem:1024")));
        var unlimited = Role("u", QuotaOf("cpus:1;mem:1024"));
        headroom.StartRun([unlimited, h]);
        Assert.That(headroom.StageOne(unlimited, agent, agent, out _), Is.EqualTo(R.Parse("cpus:3;mem:3072")),
            "h's headroom stays free");
    }

    [Test]
    public void StageTwo_HoldsBackEveryUnmetGuarantee_TheRolesOwnIncluded()
    {
        // hierarchical.cpp, __generateOffers, second stage: shrunk to availableHeadroom - requiredHeadroom, and
        // requiredHeadroom is not lowered by second-stage grants.
        var headroom = new QuotaHeadroom();
        var g = Role("g", QuotaOf("cpus:1;mem:1024"));
        var o = Role("o");
        headroom.StartRun([g, o]);
        var agent = R.Parse("cpus:4;mem:4096");
        Assert.That(headroom.StageTwo(o, agent, agent, out _), Is.EqualTo(R.Parse("cpus:3;mem:3072")));
        Assert.That(headroom.StageTwo(g, agent, agent, out var toward), Is.EqualTo(R.Parse("cpus:3;mem:3072")));
        Assert.That(toward, Is.EqualTo(R.Empty));
    }
}
