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
        _allocator.UpdateFramework(_fw, new FrameworkInfo("fw", "r1") { MinAllocatable = MinAllocatable.Parse("cpus:4") }, suppressed: false);
        Assert.That(Run(), Is.Empty, "the agent is below the framework's new minimum");
        _allocator.UpdateFramework(_fw, new FrameworkInfo("fw", "r1"), suppressed: false);
        var grant = Run().Single();
        _allocator.Recover(_fw, _agent, grant.Resources, Duration.FromHours(1));
        _allocator.UpdateFramework(_fw, new FrameworkInfo("fw", "r1"), suppressed: true);
        Assert.That(Run(), Is.Empty);
        _allocator.UpdateFramework(_fw, new FrameworkInfo("fw", "r1"), suppressed: false);
        Assert.That(Run(), Has.Count.EqualTo(1), "unsuppressing revives: the filter is gone");
    }

    [Test]
    public void A_Framework_ChangesRole_OnlyHoldingNothing_AndIsThenSortedInItsNewRole()
    {
        var grant = Run().Single();
        Assert.Throws<InvalidOperationException>(() =>
            _allocator.UpdateFramework(_fw, new FrameworkInfo("fw", "r2"), suppressed: false));
        _allocator.Recover(_fw, _agent, grant.Resources, Duration.Zero);
        _allocator.UpdateFramework(_fw, new FrameworkInfo("fw", "r2"), suppressed: false);
        Run();
        Assert.That(_allocator.RoleShare("r2"), Is.EqualTo(1.0));
        Assert.That(_allocator.RoleShare("r1"), Is.Zero);
    }
}
