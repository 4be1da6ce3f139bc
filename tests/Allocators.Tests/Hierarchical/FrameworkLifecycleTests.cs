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

/// <summary>hierarchical.cpp: activateFramework, deactivateFramework, updateFramework.</summary>
public class FrameworkLifecycleTests
{
    private HierarchicalAllocator _allocator = null!;
    private readonly FrameworkId _fw = new(0);
    private readonly AgentId _agent = new(0);

    [SetUp]
    public void SetUp()
    {
        _allocator = new HierarchicalAllocator(new SimLoop(), new AllocationOptions(), PolicyObjects.Drf(), 1);
        _allocator.AddFramework(_fw, new FrameworkInfo("fw", "r1"));
        _allocator.AddAgent(_agent, AgentInfo.Of("a0", "cpus:2;mem:1024"));
    }

    private List<Grant> Run()
    {
        var grants = new List<Grant>();
        _allocator.Allocate(null, grants);
        return grants;
    }

    [Test]
    public void Deactivating_StopsOffers_KeepsWhatItHolds_AndDropsItsFilters()
    {
        Assert.That(Run(), Has.Count.EqualTo(1));
        _allocator.Recover(_fw, _agent, R.Parse("cpus:1;mem:512"), Duration.FromHours(1));
        _allocator.DeactivateFramework(_fw);
        Assert.That(Run(), Is.Empty);
        Assert.That(_allocator.Allocation(_fw), Is.EqualTo(R.Parse("cpus:1;mem:512")));
        _allocator.ActivateFramework(_fw);
        Assert.That(_allocator.HasNewAllocationChances, Is.True);
        var grants = Run();
        Assert.That(grants.Single().Resources, Is.EqualTo(R.Parse("cpus:1;mem:512")), "the hour's filter went with the deactivation");
    }

    [Test]
    public void Activating_DoesNotEndASuppression()
    {
        _allocator.Suppress(_fw);
        _allocator.DeactivateFramework(_fw);
        _allocator.ActivateFramework(_fw);
        Assert.That(Run(), Is.Empty);
        _allocator.Revive(_fw);
        Assert.That(Run(), Has.Count.EqualTo(1));
    }

    [Test]
    public void An_Update_ChangesTheMinimum_AndUnsuppressingClearsFilters()
    {
        _allocator.UpdateFramework(_fw, new FrameworkInfo("fw", "r1") { MinAllocatable = MinAllocatable.Parse("cpus:4") }, suppressedRoles: []);
        Assert.That(Run(), Is.Empty, "the agent is below the framework's new minimum");
        _allocator.UpdateFramework(_fw, new FrameworkInfo("fw", "r1"), suppressedRoles: []);
        var grant = Run().Single();
        _allocator.Recover(_fw, _agent, grant.Resources, Duration.FromHours(1));
        _allocator.UpdateFramework(_fw, new FrameworkInfo("fw", "r1"), suppressedRoles: ["r1"]);
        Assert.That(Run(), Is.Empty);
        _allocator.UpdateFramework(_fw, new FrameworkInfo("fw", "r1"), suppressedRoles: []);
        Assert.That(Run(), Has.Count.EqualTo(1), "unsuppressing revives: the filter is gone");
    }

    [Test]
    public void A_Framework_ChangesRole_OnlyHoldingNothing_AndIsThenSortedInItsNewRole()
    {
        var grant = Run().Single();
        Assert.Throws<InvalidOperationException>(() =>
            _allocator.UpdateFramework(_fw, new FrameworkInfo("fw", "r2"), suppressedRoles: []));
        _allocator.Recover(_fw, _agent, grant.Resources, Duration.Zero);
        _allocator.UpdateFramework(_fw, new FrameworkInfo("fw", "r2"), suppressedRoles: []);
        Run();
        Assert.That(_allocator.RoleShare("r2"), Is.EqualTo(1.0));
        Assert.That(_allocator.RoleShare("r1"), Is.Zero);
    }

    [Test]
    public void A_MultiRoleFramework_IsOfferedAndAccountedPerRole()
    {
        // hierarchical.cpp: a framework is a client of each of its roles' sorters; offers name their role.
        var m = new FrameworkId(1);
        _allocator.RemoveFramework(_fw);
        _allocator.AddFramework(m, new FrameworkInfo("m", "a").WithRoles(["a", "b"]));
        _allocator.AddAgent(new AgentId(1), AgentInfo.Of("a1", "cpus:2;mem:1024"));
        var grants = Run();
        Assert.That(grants.Select(g => g.Role), Is.EquivalentTo(new[] { "a", "b" }));
        Assert.That(_allocator.Allocation(m, "a"), Is.EqualTo(R.Parse("cpus:2;mem:1024")));
        Assert.That(_allocator.Allocation(m), Is.EqualTo(R.Parse("cpus:4;mem:2048")));
        Assert.That(_allocator.RoleShare("a"), Is.EqualTo(0.5));
        // A return names its role: only that role's holding shrinks, and only its filter is installed.
        var inB = grants.Single(g => g.Role == "b");
        _allocator.Recover(m, inB.Agent, inB.Resources, Duration.FromHours(1), role: "b");
        Assert.That(_allocator.Allocation(m, "b"), Is.EqualTo(R.Empty));
        Assert.That(_allocator.RoleShare("a"), Is.EqualTo(0.5));
        Assert.That(_allocator.RoleShare("b"), Is.Zero);
        var inA = grants.Single(g => g.Role == "a");
        _allocator.Recover(m, inA.Agent, inA.Resources, Duration.Zero, role: "a");
        var again = Run();
        Assert.That(again.Where(g => g.Agent == inB.Agent).Select(g => g.Role), Is.EqualTo(new[] { "a" }),
            "role b filters that agent for an hour, role a does not");
    }

    [Test]
    public void A_MultiRoleFramework_SuppressesPerRole_AndLeavesARoleOnlyHoldingNothingThere()
    {
        var m = new FrameworkId(1);
        _allocator.RemoveFramework(_fw);
        _allocator.AddFramework(m, new FrameworkInfo("m", "a").WithRoles(["a", "b"]));
        _allocator.Suppress(m, ["a"]);
        Assert.That(Run().Single().Role, Is.EqualTo("b"));
        Assert.Throws<InvalidOperationException>(() =>
            _allocator.UpdateFramework(m, new FrameworkInfo("m", "a"), suppressedRoles: []));
        _allocator.UpdateFramework(m, new FrameworkInfo("m", "b").WithRoles(["b", "c"]), suppressedRoles: []);
        Assert.That(_allocator.Allocation(m, "b"), Is.EqualTo(R.Parse("cpus:2;mem:1024")), "kept what it holds in b");
        _allocator.AddAgent(new AgentId(1), AgentInfo.Of("a1", "cpus:1;mem:512"));
        Assert.That(Run().Single().Role, Is.EqualTo("c"), "the role it joined, below b in share");
        _allocator.RemoveFramework(m);
        Assert.That(_allocator.RoleShare("b"), Is.Zero);
        Assert.That(_allocator.RoleShare("c"), Is.Zero);
    }
}
