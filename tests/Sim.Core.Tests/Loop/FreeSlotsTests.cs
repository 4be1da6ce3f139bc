using ClusterSim.Core.Loop;

namespace ClusterSim.Core.Tests.Loop;

/// <summary>The places a reusing table takes: freed ones again, last freed first, before one never used.</summary>
public class FreeSlotsTests
{
    [Test]
    public void FreedPlaces_AreTakenAgainLastFreedFirst_BeforeANewOne()
    {
        var places = new FreeSlots();
        Assert.That(new[] { places.Take(), places.Take(), places.Take() }, Is.EqualTo(new[] { 0, 1, 2 }));

        places.Free(1);
        places.Free(0);

        Assert.That(new[] { places.Take(), places.Take(), places.Take() }, Is.EqualTo(new[] { 0, 1, 3 }));
        Assert.That(places.Used, Is.EqualTo(4), "every place in use or freed is below Used");
    }
}
