using ClusterSim.Allocators.Sorting;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Tests.Policies;

public class MultiTenancyTests
{
    private static (IAllocator, SimLoop) Create(AllocationOptions options, AllocationPolicy? policy = null)
    {
        var loop = new SimLoop();
        return (AllocationPolicies.Create(loop, options, policy ?? AllocationPolicy.Default, 1), loop);
    }

    private static List<Grant> Run(IAllocator allocator)
    {
        var grants = new List<Grant>();
        allocator.Allocate(null, grants);
        return grants;
    }

    [Test]
    public void Quota_WithALimitBelowTheGuarantee_IsRejected_NamingTheResource()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Quota.Create(R.Parse("cpus:4;mem:1024"), R.Parse("cpus:2"), new ResourceKindSet().With(ResourceKind.Cpus)));
        Assert.That(e!.Message, Does.Contain("cpus").And.Contain("below the guarantee"));
    }

    [Test]
    public void QuotaConsumption_CountsReservationsWhetherAllocatedOrNot_PlusAllocatedUnreserved()
    {
        var (allocator, _) = Create(new AllocationOptions());
        allocator.AddAgent(new AgentId(0), AgentInfo.Of("a0", "cpus:4;mem:4096;cpus(ml):2;mem(ml):2048"));
        Assert.That(allocator.QuotaConsumption("ml"), Is.EqualTo(R.Parse("cpus:2;mem:2048")));
        allocator.AddFramework(new FrameworkId(0), new FrameworkInfo("f", "ml"));
        var grant = Run(allocator).Single();
        Assert.That(grant.Reserved, Is.EqualTo(R.Parse("cpus:2;mem:2048")));
        Assert.That(allocator.QuotaConsumption("ml"), Is.EqualTo(R.Parse("cpus:6;mem:6144")));
        allocator.Recover(new FrameworkId(0), new AgentId(0), grant.Resources, Duration.Zero, grant.Reserved);
        Assert.That(allocator.QuotaConsumption("ml"), Is.EqualTo(R.Parse("cpus:2;mem:2048")));
    }

    [Test]
    public void Reserving_HeldResources_KeepsThemHeld_AndTheConsumptionUnchanged()
    {
        var (allocator, _) = Create(new AllocationOptions());
        var agent = new AgentId(0);
        var framework = new FrameworkId(0);
        allocator.AddAgent(agent, AgentInfo.Of("a0", "cpus:4;mem:4096"));
        allocator.AddFramework(framework, new FrameworkInfo("f", "db"));
        Run(allocator);
        var before = allocator.QuotaConsumption("db");
        Assert.That(allocator.Reserve(agent, "db", R.Parse("cpus:1;mem:1024"), framework), Is.True);
        Assert.That(allocator.QuotaConsumption("db"), Is.EqualTo(before));
        Assert.That(allocator.ReservedOn(agent, "db"), Is.EqualTo(R.Parse("cpus:1;mem:1024")));
        Assert.That(allocator.Reserve(agent, "db", R.Parse("cpus:9"), framework), Is.False, "more than it holds");
        Assert.That(allocator.Reserve(agent, "db", R.Parse("cpus:1")), Is.False, "nothing is free");
    }

    [Test]
    public void Slots_RoundATaskUpToWholeSlots_InEverySlotResource()
    {
        var (allocator, _) = Create(new AllocationOptions(), AllocationPolicy.Named("slots") with { Slot = R.Parse("cpus:1;mem:2048") });
        Assert.That(allocator.Footprint(R.Parse("cpus:0.5;mem:1024")), Is.EqualTo(R.Parse("cpus:1;mem:2048")));
        Assert.That(allocator.Footprint(R.Parse("cpus:1;mem:5000")), Is.EqualTo(R.Parse("cpus:3;mem:6144")));
        Assert.That(allocator.Footprint(R.Parse("cpus:2;mem:100;gpus:1")), Is.EqualTo(R.Parse("cpus:2;mem:4096;gpus:1")));
        var (drf, _) = Create(new AllocationOptions());
        Assert.That(drf.Footprint(R.Parse("cpus:0.5;mem:1024")), Is.EqualTo(R.Parse("cpus:0.5;mem:1024")));
    }

    [Test]
    public void Slots_WithoutASlotSize_IsAnError() =>
        Assert.Throws<ArgumentException>(() => Create(new AllocationOptions(), AllocationPolicy.Named("slots")));

    [Test]
    public void AssetShare_SumsTheShares_DominantShareTakesTheLargest()
    {
        var total = R.Parse("cpus:70;mem:70");
        var used = R.Parse("cpus:30;mem:30");
        Assert.That(ShareMeasures.Asset(default)(used, total), Is.EqualTo(60.0 / 70).Within(1e-12));
        Assert.That(ShareMeasures.Dominant(default)(used, total), Is.EqualTo(30.0 / 70).Within(1e-12));
    }

    [Test]
    public void Fifo_KeepsRegistrationOrder_WhateverIsAllocated()
    {
        var sorter = new FifoSorter();
        int a = sorter.Add("zeta"), b = sorter.Add("alpha");
        sorter.Allocated(a, R.Parse("cpus:100"));
        Assert.That(sorter.Sort(), Is.EqualTo(new[] { a, b }));
    }

    [Test]
    public void StaticPartition_DealsAgentsInProportion()
    {
        var (allocator, _) = Create(new AllocationOptions(), AllocationPolicy.Named("static") with
        {
            Partitions = new Dictionary<string, double> { ["web"] = 1, ["batch"] = 3 },
        });
        for (int i = 0; i < 8; i++) allocator.AddAgent(new AgentId(i), AgentInfo.Of("a" + i, "cpus:1;mem:1024"));
        allocator.AddFramework(new FrameworkId(0), new FrameworkInfo("w", "web"));
        allocator.AddFramework(new FrameworkId(1), new FrameworkInfo("b", "batch"));
        var grants = Run(allocator);
        Assert.That(grants.Count(g => g.Framework.Value == 0), Is.EqualTo(2));
        Assert.That(grants.Count(g => g.Framework.Value == 1), Is.EqualTo(6));
    }

    [Test]
    public void Static_WithoutPartitions_IsAnError() =>
        Assert.Throws<ArgumentException>(() => Create(new AllocationOptions(), AllocationPolicy.Named("static")));

    [Test]
    public void The_RoleSorter_AndTheFrameworkSorter_AreChosenSeparately()
    {
        // DRF across roles, FIFO inside one: role a's oldest framework gets all of a's agents.
        var (allocator, _) = Create(new AllocationOptions(), AllocationPolicy.Named("drf") with { FrameworkSorter = "fifo" });
        for (int i = 0; i < 4; i++) allocator.AddAgent(new AgentId(i), AgentInfo.Of("a" + i, "cpus:1;mem:1024"));
        allocator.AddFramework(new FrameworkId(0), new FrameworkInfo("old", "a"));
        allocator.AddFramework(new FrameworkId(1), new FrameworkInfo("young", "a"));
        allocator.AddFramework(new FrameworkId(2), new FrameworkInfo("other", "b"));
        var grants = Run(allocator);
        Assert.That(grants.GroupBy(g => g.Framework.Value).ToDictionary(g => g.Key, g => g.Count()),
            Is.EqualTo(new Dictionary<int, int> { [0] = 2, [2] = 2 }));
    }

    [Test]
    public void A_PolicyIsNamedByItsShorthand_UnlessASorterOverridesIt()
    {
        Assert.That(AllocationPolicy.Named("random").Name, Is.EqualTo("random"));
        Assert.That((AllocationPolicy.Named("drf") with { RoleSorter = "fifo" }).Name, Is.EqualTo("fifo/drf"));
        Assert.That(AllocationPolicy.Named("slots").UsesSlots && !AllocationPolicy.Named("drf").UsesSlots, Is.True);
    }

    [Test]
    public void Every_DocumentedPolicy_CanBeCreated()
    {
        foreach (var (name, description) in AllocationPolicies.All)
        {
            var policy = AllocationPolicy.Named(name) with
            {
                Slot = R.Parse("cpus:1;mem:1024"),
                Partitions = new Dictionary<string, double> { ["r"] = 1 },
            };
            Assert.That(Create(new AllocationOptions(), policy).Item1, Is.Not.Null, name);
            Assert.That(description, Is.Not.Empty);
        }
    }
}
