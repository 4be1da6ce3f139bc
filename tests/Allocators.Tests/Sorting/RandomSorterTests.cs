using ClusterSim.Allocators.Sorting;
using ClusterSim.Core.Random;

namespace ClusterSim.Allocators.Tests.Sorting;

public class RandomSorterTests
{
    [Test]
    public void The_FirstClient_IsDrawnInProportionToWeight()
    {
        var stream = RandomStream.For(1, "sorter");
        var s = new RandomSorter(() => stream);
        int light = s.Add("light", 1), heavy = s.Add("heavy", 3);
        int heavyFirst = 0;
        const int draws = 20_000;
        for (int i = 0; i < draws; i++)
            if (s.Sort()[0] == heavy) heavyFirst++;
        Assert.That(heavyFirst / (double)draws, Is.EqualTo(0.75).Within(0.01));
        Assert.That(s.Sort(), Is.EquivalentTo(new[] { light, heavy }));
    }

    [Test]
    public void The_Order_IgnoresAllocations()
    {
        var stream = RandomStream.For(2, "sorter");
        var s = new RandomSorter(() => stream);
        int rich = s.Add("rich"), poor = s.Add("poor");
        s.Allocated(rich, Core.Resources.Resources.Parse("cpus:100"));
        int richFirst = Enumerable.Range(0, 10_000).Count(_ => s.Sort()[0] == rich);
        Assert.That(richFirst, Is.InRange(4700, 5300));
        Assert.That(poor, Is.Not.EqualTo(rich));
    }

    [Test]
    public void The_SameStream_GivesTheSameOrders()
    {
        IEnumerable<int> Orders()
        {
            var stream = RandomStream.For(3, "sorter");
            var s = new RandomSorter(() => stream);
            for (int i = 0; i < 5; i++) s.Add("c" + i, 1 + i);
            return Enumerable.Range(0, 100).SelectMany(_ => s.Sort().ToArray()).ToArray();
        }
        var first = Orders();
        Assert.That(Orders(), Is.EqualTo(first));
    }
}
