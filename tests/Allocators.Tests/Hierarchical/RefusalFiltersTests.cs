using ClusterSim.Allocators.Hierarchical;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Timing;
using static ClusterSim.Allocators.Tests.Hierarchical.PartsFixtures;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Tests.Hierarchical;

public class RefusalFiltersTests
{
    private SimLoop _loop = null!;
    private RefusalFilters _filters = null!;
    private List<int> _expired = null!;

    [SetUp]
    public void SetUp()
    {
        _loop = new SimLoop();
        _expired = [];
        _filters = new RefusalFilters(_loop, Duration.FromSeconds(1), _expired.Add);
    }

    [Test]
    public void A_Filter_BlocksOffersItContains_OnItsAgentOnly()
    {
        var f = Framework(0, Role("r"));
        _filters.Install(f, 3, R.Parse("cpus:4;mem:4096"), Duration.FromSeconds(10));
        Assert.That(RefusalFilters.Blocks(f, 3, R.Parse("cpus:2;mem:1024")), Is.True);
        Assert.That(RefusalFilters.Blocks(f, 3, R.Parse("cpus:8;mem:1024")), Is.False, "more than was refused");
        Assert.That(RefusalFilters.Blocks(f, 4, R.Parse("cpus:1")), Is.False, "another agent");
    }

    [Test]
    public void A_Filter_LastsTheLongerOfTheIntervalAndTheRefuseTime_ThenTellsItsAgent()
    {
        // hierarchical.cpp: max(allocation interval, refuse_seconds) (MESOS-4302).
        var f = Framework(0, Role("r"));
        _filters.Install(f, 2, R.Parse("cpus:1"), Duration.FromMilliseconds(100));
        _loop.RunUntil(Time.FromSeconds(0.5));
        Assert.That(RefusalFilters.Blocks(f, 2, R.Parse("cpus:1")), Is.True, "still within the interval");
        _loop.RunUntil(Time.FromSeconds(1));
        Assert.That(RefusalFilters.Blocks(f, 2, R.Parse("cpus:1")), Is.False);
        Assert.That(_expired, Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public void Clearing_RemovesTheFilters_AndTheirTimers()
    {
        var f = Framework(0, Role("r"));
        _filters.Install(f, 1, R.Parse("cpus:1"), Duration.FromSeconds(5));
        _filters.Install(f, 2, R.Parse("cpus:1"), Duration.FromSeconds(5));
        _filters.Clear(f, 1);
        Assert.That(RefusalFilters.Blocks(f, 1, R.Parse("cpus:1")), Is.False);
        Assert.That(RefusalFilters.Blocks(f, 2, R.Parse("cpus:1")), Is.True);
        _filters.Clear(f);
        _loop.RunUntil(Time.FromSeconds(10));
        Assert.That(_expired, Is.Empty, "a cleared filter never expires");
    }
}
