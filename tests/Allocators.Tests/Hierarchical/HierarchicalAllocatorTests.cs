using ClusterSim.Allocators.Hierarchical;
using ClusterSim.Allocators.Policy;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Tests.Hierarchical;

public class HierarchicalAllocatorTests
{
    private SimLoop _loop = null!;
    private HierarchicalAllocator _allocator = null!;
    private int _agents;
    private int _frameworks;

    private void Create(AllocationOptions? options = null, long seed = 1)
    {
        _loop = new SimLoop();
        var o = options ?? new AllocationOptions();
        _allocator = new HierarchicalAllocator(_loop, o, PolicyObjects.Drf(), seed);
        _agents = 0;
        _frameworks = 0;
    }

    [SetUp]
    public void SetUp() => Create();

    private AgentId Agent(string resources = "cpus:4;mem:4096")
    {
        var id = new AgentId(_agents++);
        _allocator.AddAgent(id, AgentInfo.Of("a" + id.Value, resources));
        return id;
    }

    private FrameworkId Framework(string role = "r", params string[] capabilities)
    {
        var id = new FrameworkId(_frameworks++);
        _allocator.AddFramework(id, new FrameworkInfo("f" + id.Value, role)
        {
            Capabilities = new SortedSet<string>(capabilities),
        });
        return id;
    }

    private List<Grant> Run(params AgentId[] agents)
    {
        var grants = new List<Grant>();
        _allocator.Allocate(agents.Length == 0 ? null : agents, grants);
        return grants;
    }

    [Test]
    public void A_Run_GivesEachAgentWholeToTheLowestShareFramework()
    {
        var a1 = Agent();
        var a2 = Agent();
        var f0 = Framework("r0");
        var f1 = Framework("r1");
        var grants = Run();
        Assert.That(grants, Has.Count.EqualTo(2));
        Assert.That(grants.Select(g => g.Framework), Is.EquivalentTo(new[] { f0, f1 }));
        Assert.That(grants.Select(g => g.Agent), Is.EquivalentTo(new[] { a1, a2 }));
        Assert.That(grants.All(g => g.Resources == R.Parse("cpus:4;mem:4096")), Is.True);
        Assert.That(Run(), Is.Empty, "everything is offered");
    }

    [Test]
    public void A_Decline_WithRefuseZero_InstallsNoFilter()
    {
        var a = Agent();
        var f = Framework();
        var g = Run().Single();
        _allocator.Recover(f, a, g.Resources, Duration.Zero);
        Assert.That(Run().Single().Framework, Is.EqualTo(f));
    }

    [Test]
    public void A_Filter_BlocksTheDeclinedResources_UntilMaxOfIntervalAndRefuse()
    {
        Create(new AllocationOptions { Interval = Duration.FromSeconds(10) });
        var a = Agent();
        var f = Framework();
        var g = Run().Single();
        _allocator.Recover(f, a, g.Resources, Duration.FromSeconds(2));
        _loop.RunUntil(Time.FromSeconds(9));
        Assert.That(Run(), Is.Empty, "the filter lives for the 10 s interval, not the 2 s asked");
        _loop.RunUntil(Time.FromSeconds(10));
        Assert.That(Run(), Has.Count.EqualTo(1));
    }

    [Test]
    public void Filters_Expire_OnTime_WhenNothingAsksTheAllocatorBetweenTheDeclinesAndTheExpiry()
    {
        // Recover leaves a few returns' bookkeeping on the agent for later (their filters already in their
        // expiry batch): an expiry must do it first, or the last filters would be put on their agents after
        // they expired, and block for ever.
        Create(new AllocationOptions { Interval = Duration.FromSeconds(1) });
        for (int i = 0; i < 20; i++) Agent();
        var f = Framework();
        var grants = Run();
        Assert.That(grants, Has.Count.EqualTo(20));
        foreach (var g in grants) _allocator.Recover(f, g.Agent, g.Resources, Duration.FromSeconds(5));
        _loop.RunUntil(Time.FromSeconds(5));
        Assert.That(Run(), Has.Count.EqualTo(20), "every filter expired, the last declined too");
    }

    [Test]
    public void Returns_AreSeen_ByTheNextQuestion_InTheOrderTheyCame()
    {
        for (int i = 0; i < 12; i++) Agent();
        var f = Framework();
        var grants = Run();
        foreach (var g in grants.Take(11)) _allocator.Recover(f, g.Agent, g.Resources, Duration.FromHours(1));
        Assert.That(_allocator.Allocation(f), Is.EqualTo(grants[11].Resources));
        Assert.That(Run(), Is.Empty, "all eleven returned agents are filtered");
    }

    [Test]
    public void A_Revive_RightAfterDeclines_ClearsEveryFilter_TheLastDeclinedToo()
    {
        // The newest returns' agents are looked up only when their bookkeeping is done: a revive does it first,
        // or it would find filters that name no agent yet.
        for (int i = 0; i < 12; i++) Agent();
        var f = Framework();
        var grants = Run();
        foreach (var g in grants) _allocator.Recover(f, g.Agent, g.Resources, Duration.FromHours(1));
        _allocator.Revive(f);
        Assert.That(Run(), Has.Count.EqualTo(12));
    }

    [Test]
    public void A_Return_OnAnAgentRemovedOrNeverAdded_IsIgnored()
    {
        var a = Agent();
        var b = Agent();
        var f = Framework();
        var grants = Run();
        _allocator.RemoveAgent(a);
        foreach (var g in grants) _allocator.Recover(f, g.Agent, g.Resources, Duration.FromHours(1));
        _allocator.Recover(f, new AgentId(7), R.Parse("cpus:1"), Duration.FromHours(1));
        Assert.That(_allocator.Allocation(f), Is.EqualTo(R.Empty), "what was held on the removed agent went with it");
        _allocator.Revive(f);
        Assert.That(Run().Select(g => g.Agent), Is.EqualTo(new[] { b }));
    }

    [Test]
    public void A_Filter_DoesNotBlock_AnOfferItDoesNotContain()
    {
        var a = Agent("cpus:4;mem:4096");
        var f = Framework();
        var g = Run().Single();
        // The framework launches cpus:2 and declines the rest for an hour.
        _allocator.Recover(f, a, R.Parse("cpus:2;mem:2048"), Duration.FromHours(1));
        Assert.That(Run(), Is.Empty);
        // The task ends: cpus:4 free now, more than the filter holds.
        _allocator.Recover(f, a, R.Parse("cpus:2;mem:2048"), Duration.Zero);
        Assert.That(Run().Single().Resources, Is.EqualTo(g.Resources));
    }

    [Test]
    public void A_FilteredFramework_IsSkipped_ForTheNextInOrder()
    {
        var a = Agent();
        var f0 = Framework("r0");
        var f1 = Framework("r1");
        var g = Run().Single();
        _allocator.Recover(g.Framework, a, g.Resources, Duration.FromHours(1));
        var next = Run().Single();
        Assert.That(next.Framework, Is.Not.EqualTo(g.Framework));
        Assert.That(new[] { f0, f1 }, Does.Contain(next.Framework));
    }

    [Test]
    public void Suppress_StopsOffers_AndRevive_ClearsFiltersToo()
    {
        var a = Agent();
        var f = Framework();
        var g = Run().Single();
        _allocator.Recover(f, a, g.Resources, Duration.FromHours(1));
        _allocator.Suppress(f);
        Assert.That(Run(), Is.Empty);
        _allocator.Revive(f);
        Assert.That(Run().Single().Framework, Is.EqualTo(f));
    }

    [Test]
    public void Removing_AnAgent_DropsItsAllocationFromEveryShare()
    {
        var a1 = Agent();
        Agent();
        var f = Framework();
        Run();
        Assert.That(_allocator.FrameworkShare(f), Is.EqualTo(1.0));
        _allocator.RemoveAgent(a1);
        Assert.That(_allocator.FrameworkShare(f), Is.EqualTo(1.0), "the remaining agent is all of the smaller cluster");
        Assert.That(_allocator.Total, Is.EqualTo(R.Parse("cpus:4;mem:4096")));
        Assert.That(_allocator.Allocation(f), Is.EqualTo(R.Parse("cpus:4;mem:4096")));
    }

    [Test]
    public void Recovering_FromARemovedAgent_IsIgnored()
    {
        var a = Agent();
        var f = Framework();
        var g = Run().Single();
        _allocator.RemoveAgent(a);
        Assert.DoesNotThrow(() => _allocator.Recover(f, a, g.Resources, Duration.Zero));
        Assert.That(_allocator.Allocation(f), Is.EqualTo(R.Empty));
    }

    [Test]
    public void Recovering_MoreThanWasHeld_IsABug_AndSaysSo()
    {
        var a = Agent();
        var f = Framework();
        Run();
        var e = Assert.Throws<InvalidOperationException>(() => _allocator.Recover(f, a, R.Parse("cpus:5"), Duration.Zero));
        Assert.That(e!.Message, Does.Contain("cpus:5"));
    }

    [Test]
    public void GpuAgents_GoOnlyToGpuCapableFrameworks_UnlessTurnedOff()
    {
        Agent("cpus:4;mem:4096;gpus:1");
        Framework("r");
        Assert.That(Run(), Is.Empty);
        var gpu = Framework("r", "gpu");
        Assert.That(Run().Single().Framework, Is.EqualTo(gpu));

        Create(new AllocationOptions { FilterGpuResources = false });
        Agent("cpus:4;mem:4096;gpus:1");
        var plain = Framework("r");
        Assert.That(Run().Single().Framework, Is.EqualTo(plain));
    }

    [Test]
    public void Offers_BelowMinAllocatable_AreNotMade()
    {
        Create(new AllocationOptions { MinAllocatable = MinAllocatable.Parse("cpus:1|mem:1024") });
        var a = Agent("cpus:4;mem:4096");
        var f = Framework();
        Run();
        _allocator.Recover(f, a, R.Parse("cpus:0.5;mem:512"), Duration.Zero);
        Assert.That(Run(), Is.Empty);
    }

    [Test]
    public void A_FrameworksOwnMinAllocatable_SkipsItForSmallerOffers()
    {
        var a = Agent("cpus:4;mem:4096");
        var picky = new FrameworkId(_frameworks++);
        _allocator.AddFramework(picky, new FrameworkInfo("a-picky", "r0") { MinAllocatable = MinAllocatable.Parse("cpus:8") });
        var easy = Framework("r1");
        Assert.That(Run().Single().Framework, Is.EqualTo(easy));
        Assert.That(a.Value, Is.Zero);
    }

    [Test]
    public void A_FrameworksOwnMinAllocatable_ReplacesTheClustersForIt()
    {
        // hierarchical.cpp, allocatable(): the framework's minimum takes the place of the global one.
        Create(new AllocationOptions { MinAllocatable = MinAllocatable.Parse("cpus:1") });
        var a = Agent("cpus:0.5;mem:512");
        Framework("r0");
        Assert.That(Run(), Is.Empty, "below the cluster's minimum");
        var modest = new FrameworkId(_frameworks++);
        _allocator.AddFramework(modest, new FrameworkInfo("modest", "r1") { MinAllocatable = MinAllocatable.Parse("cpus:0.5") });
        var grant = Run().Single();
        Assert.That((grant.Framework, grant.Agent), Is.EqualTo((modest, a)));
        _allocator.Recover(modest, a, grant.Resources, Duration.Zero);
        _allocator.RemoveFramework(modest);
        Assert.That(Run(), Is.Empty, "without it the agent is below every minimum again");
    }

    [Test]
    public void HasNewAllocationChances_IsSetByRecoveries_AndClearedByAFullRun()
    {
        var a = Agent();
        var f = Framework();
        Assert.That(_allocator.HasNewAllocationChances, Is.True);
        var g = Run().Single();
        Assert.That(_allocator.HasNewAllocationChances, Is.False);
        _allocator.Suppress(f);
        Assert.That(_allocator.HasNewAllocationChances, Is.False, "suppression makes no offer possible");
        _allocator.Recover(f, a, g.Resources, Duration.FromSeconds(5));
        Assert.That(_allocator.HasNewAllocationChances, Is.True);
        Run();
        Assert.That(_allocator.HasNewAllocationChances, Is.False);
        _loop.RunUntil(Time.FromSeconds(5));
        Assert.That(_allocator.HasNewAllocationChances, Is.True, "an expired filter is a new chance");
    }

    [Test]
    public void A_RunOverSomeAgents_DoesNotClearTheChangeFlag()
    {
        var a1 = Agent();
        Agent();
        Framework();
        Run(a1);
        Assert.That(_allocator.HasNewAllocationChances, Is.True);
    }

    [Test]
    public void The_AgentOrder_DependsOnTheSeed_AndOnlyOnIt()
    {
        string Order(long seed)
        {
            Create(seed: seed);
            var agents = Enumerable.Range(0, 20).Select(_ => Agent()).ToArray();
            var frameworks = Enumerable.Range(0, 3).Select(i => Framework("r" + i)).ToArray();
            return string.Join(",", Run().Select(g => $"{g.Agent.Value}:{g.Framework.Value}"));
        }
        var first = Order(5);
        var again = Order(5);
        Assert.That(again, Is.EqualTo(first));
        Assert.That(Order(6), Is.Not.EqualTo(first));
    }

    [Test]
    public void A_RunOverSomeAgents_VisitsThemInTheOrderAFullRunWould()
    {
        // Skipping agents nobody could take must not change the order of the others, or the offers would
        // depend on what was skipped.
        Create(seed: 9);
        for (int i = 0; i < 30; i++) Agent();
        Framework();
        var full = Run().Select(g => g.Agent).ToArray();
        Create(seed: 9);
        var agents = Enumerable.Range(0, 30).Select(_ => Agent()).ToArray();
        Framework();
        var some = new[] { agents[3], agents[25], agents[7], agents[11], agents[19], agents[2] };
        var partial = Run(some).Select(g => g.Agent).ToArray();
        Assert.That(partial, Is.EqualTo(full.Where(some.Contains).ToArray()));
    }

    [Test]
    public void The_AgentOrder_IsUniform_OverSeeds()
    {
        var first = new int[4];
        for (long seed = 0; seed < 4000; seed++)
        {
            Create(seed: seed);
            for (int i = 0; i < 4; i++) Agent();
            Framework();
            first[Run()[0].Agent.Value]++;
        }
        // 1000 expected each; the bound is about five standard deviations (sd = 27).
        Assert.That(first, Has.All.InRange(870, 1130), string.Join(",", first));
    }

    [Test]
    public void A_ChangeForEveryAgent_RevisitsOnlyAgentsWithSomethingFree()
    {
        var agents = Enumerable.Range(0, 100).Select(_ => Agent()).ToArray();
        var f0 = Framework("r0");
        var grants = Run();
        Assert.That(grants, Has.Count.EqualTo(100));
        Assert.That(_allocator.AgentVisits, Is.EqualTo(100));
        var returned = grants.Single(g => g.Agent == agents[7]);
        _allocator.Recover(f0, agents[7], returned.Resources, Duration.FromSeconds(60));
        Assert.That(Run(), Is.Empty, "filtered for f0");
        Assert.That(_allocator.AgentVisits, Is.EqualTo(101), "only the agent that changed");
        var f1 = Framework("r1");
        var offered = Run();
        Assert.That(offered.Select(g => (g.Framework, g.Agent)), Is.EqualTo(new[] { (f1, agents[7]) }));
        Assert.That(_allocator.AgentVisits, Is.EqualTo(102), "a new framework can only take what is free");
    }

    private static Quota QuotaOf(string guarantee, string? limit = null)
    {
        var l = limit == null ? (R?)null : R.Parse(limit);
        var limited = new ResourceKindSet();
        if (l is { } lr)
            foreach (var kind in ResourceKinds.All)
                if (lr.Fixed(kind) > 0) limited = limited.With(kind);
        return Quota.Create(R.Parse(guarantee), l, limited);
    }

    [Test]
    public void The_QuotaStage_SkipsAnAgentThatCannotHelpTheGuarantee()
    {
        // hierarchical.cpp, __generateOffers: `if (guaranteesOffering.empty()) continue;` in the first stage.
        Agent("cpus:4;mem:4096");
        var g = Framework("g");
        _allocator.SetQuota("g", QuotaOf("disk:100"));
        Assert.That(Run().Single().Framework, Is.EqualTo(g));
        var o = Framework("o");
        var a2 = Agent("cpus:4;mem:4096");
        var grant = Run().Single();
        Assert.That((grant.Framework, grant.Agent), Is.EqualTo((o, a2)), "fair sharing decides: o has the lower share");
    }

    [Test]
    public void The_QuotaStage_BurstsAboveTheGuarantee_UpToTheLimit()
    {
        // hierarchical.cpp, __generateOffers, first stage: additionalScalarOffering shrunk by the limit.
        Agent("cpus:4;mem:4096");
        var o = Framework("o");
        var g = Framework("g");
        _allocator.SetQuota("g", QuotaOf("cpus:1;mem:1024", "cpus:3;mem:3072"));
        var grants = Run();
        Assert.That(grants.Select(x => (x.Framework, x.Resources)), Is.EqualTo(new[]
        {
            (g, R.Parse("cpus:3;mem:3072")),
            (o, R.Parse("cpus:1;mem:1024")),
        }));
    }

    [Test]
    public void The_QuotaStage_BurstsOnlyIntoSpareHeadroom()
    {
        // hierarchical.cpp, __generateOffers, first stage: shrunk to availableHeadroom - requiredHeadroom.
        Agent("cpus:4;mem:4096");
        Framework("o");
        var g = Framework("g");
        _allocator.SetQuota("g", QuotaOf("cpus:1;mem:1024"));
        _allocator.SetQuota("h", QuotaOf("cpus:1;mem:1024"));
        var grant = Run().Single();
        Assert.That((grant.Framework, grant.Resources), Is.EqualTo((g, R.Parse("cpus:3;mem:3072"))));
    }

    [Test]
    public void Weights_MustBePositive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _allocator.UpdateWeight("r", 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => _allocator.UpdateWeight("r", -1));
    }
}
