using ClusterSim.Allocators.Hierarchical;
using ClusterSim.Allocators.Policy;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;

namespace ClusterSim.Allocators.Tests.Hierarchical;

/// <summary>hierarchical.cpp: updateUnavailability, generateInverseOffers, updateInverseOffer.</summary>
public class MaintenanceBookTests
{
    private SimLoop _loop = null!;
    private HierarchicalAllocator _allocator = null!;
    private readonly FrameworkId _fw = new(0);

    [SetUp]
    public void SetUp()
    {
        _loop = new SimLoop();
        _allocator = new HierarchicalAllocator(_loop, new AllocationOptions(), PolicyObjects.Drf(), 1);
        _allocator.AddFramework(_fw, new FrameworkInfo("fw", "r1"));
        _allocator.AddAgent(new AgentId(0), AgentInfo.Of("a0", "cpus:2;mem:1024"));
        _allocator.Allocate(null, []);
        _allocator.AddAgent(new AgentId(1), AgentInfo.Of("a1", "cpus:2;mem:1024"));
    }

    private List<(FrameworkId, AgentId)> Inverse()
    {
        var into = new List<(FrameworkId, AgentId)>();
        _allocator.GenerateInverseOffers(null, into);
        return into;
    }

    private static Unavailability Window => new(Time.Zero + Duration.FromSeconds(60), Duration.FromHours(1));

    [Test]
    public void Only_FrameworksHoldingResourcesThere_AreInverseOffered_OnceUntilTheyAnswer()
    {
        _allocator.UpdateUnavailability(new AgentId(0), Window);
        _allocator.UpdateUnavailability(new AgentId(1), Window);
        Assert.That(_allocator.HasNewAllocationChances, Is.True);
        Assert.That(Inverse(), Is.EqualTo(new[] { (_fw, new AgentId(0)) }), "it holds nothing on a1");
        Assert.That(Inverse(), Is.Empty, "outstanding");
        _allocator.UpdateInverseOffer(_fw, new AgentId(0), accepted: true, Duration.Zero);
        Assert.That(_allocator.InverseOfferStatus(_fw, new AgentId(0)), Is.True);
        Assert.That(Inverse(), Has.Count.EqualTo(1), "answered without a filter: due again");
    }

    [Test]
    public void A_Filter_KeepsInverseOffersAway_UntilItExpires_OrTheWindowChanges()
    {
        _allocator.UpdateUnavailability(new AgentId(0), Window);
        Inverse();
        _allocator.UpdateInverseOffer(_fw, new AgentId(0), accepted: false, Duration.FromSeconds(10));
        _loop.RunUntil(Time.Zero + Duration.FromSeconds(9));
        Assert.That(Inverse(), Is.Empty);
        _loop.RunUntil(Time.Zero + Duration.FromSeconds(10));
        Assert.That(Inverse(), Has.Count.EqualTo(1));
        _allocator.UpdateInverseOffer(_fw, new AgentId(0), accepted: false, Duration.FromHours(1));
        _allocator.UpdateUnavailability(new AgentId(0), Window with { Duration = Duration.FromHours(2) });
        Assert.That(Inverse(), Has.Count.EqualTo(1), "updateUnavailability drops the filters on the agent");
        _allocator.UpdateUnavailability(new AgentId(0), null);
        Assert.That(Inverse(), Is.Empty);
        Assert.That(_allocator.HasNewAllocationChances, Is.True, "until the next run, for the cancellation");
    }

    [Test]
    public void Inactive_AndRemoved_Frameworks_AreNotInverseOffered()
    {
        _allocator.UpdateUnavailability(new AgentId(0), Window);
        _allocator.DeactivateFramework(_fw);
        Assert.That(Inverse(), Is.Empty);
        _allocator.ActivateFramework(_fw);
        Assert.That(Inverse(), Has.Count.EqualTo(1));
        _allocator.RemoveFramework(_fw);
        Assert.That(Inverse(), Is.Empty);
    }

    [Test]
    public void Deactivating_AFramework_DropsItsInverseOfferFilters()
    {
        _allocator.UpdateUnavailability(new AgentId(0), Window);
        Inverse();
        _allocator.UpdateInverseOffer(_fw, new AgentId(0), accepted: true, Duration.FromHours(1));
        Assert.That(Inverse(), Is.Empty);
        _allocator.DeactivateFramework(_fw);
        _allocator.ActivateFramework(_fw);
        Assert.That(Inverse(), Has.Count.EqualTo(1));
    }
}
