using ClusterSim.Allocators.Hierarchical;
using ClusterSim.Allocators.Policy;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Tests.Hierarchical;

/// <summary>hierarchical.cpp: updateSlave (updateSlaveTotal, removeFilters), activateSlave, deactivateSlave.</summary>
public class AgentLifecycleTests
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

    private static AgentInfo Info(string resources, string rack = "r1") =>
        AgentInfo.Of("a0", resources) with { Attributes = new Dictionary<string, string> { ["rack"] = rack } };

    [Test]
    public void A_GrownTotal_IsOffered_AndCountsInTheClustersTotal()
    {
        _allocator.UpdateAgent(_agent, Info("cpus:2;mem:1024"));
        var first = Run().Single();
        _allocator.UpdateAgent(_agent, Info("cpus:14;mem:1024"));
        Assert.That(Run().Single().Resources, Is.EqualTo(R.Parse("cpus:12")), "updateSlave: the added resources are offered");
        Assert.That(_allocator.Total, Is.EqualTo(R.Parse("cpus:14;mem:1024")));
        Assert.That(first.Resources, Is.EqualTo(R.Parse("cpus:2;mem:1024")));
    }

    [Test]
    public void A_Total_BelowWhatIsHeld_OrOtherReservations_AreRefused_ChangingNothing()
    {
        Run();
        Assert.Throws<InvalidOperationException>(() => _allocator.UpdateAgent(_agent, AgentInfo.Of("a0", "cpus:1;mem:1024")));
        Assert.Throws<InvalidOperationException>(() => _allocator.UpdateAgent(_agent, AgentInfo.Of("a0", "cpus:2;mem:1024;cpus(r1):1")));
        Assert.That(_allocator.Total, Is.EqualTo(R.Parse("cpus:2;mem:1024")));
    }

    [Test]
    public void Changed_Attributes_DropEveryFilterOnTheAgent_AndEqualOnesDoNot()
    {
        _allocator.UpdateAgent(_agent, Info("cpus:2;mem:1024"));
        var grant = Run().Single();
        _allocator.Recover(_fw, _agent, grant.Resources, Duration.FromHours(1));
        _allocator.UpdateAgent(_agent, Info("cpus:2;mem:1024"));
        Assert.That(Run(), Is.Empty, "same attributes: the filter stays");
        _allocator.UpdateAgent(_agent, Info("cpus:2;mem:1024", rack: "r2"));
        Assert.That(Run(), Has.Count.EqualTo(1));
    }

    [Test]
    public void A_DeactivatedAgent_IsOfferedNothing_UntilActivated()
    {
        _allocator.DeactivateAgent(_agent);
        Assert.That(Run(), Is.Empty);
        _allocator.ActivateAgent(_agent);
        Assert.That(_allocator.HasNewAllocationChances, Is.True);
        Assert.That(Run(), Has.Count.EqualTo(1));
    }
}
