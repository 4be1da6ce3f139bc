using ClusterSim.Allocators.Hierarchical;
using static ClusterSim.Allocators.Tests.Hierarchical.PartsFixtures;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Tests.Hierarchical;

public class FilterTableTests
{
    private static RefusalFilter Filter(int framework) =>
        new(R.Parse("cpus:1"), Framework(framework, Role("r")));

    [Test]
    public void It_Finds_EachFramework_WhateverTheOrderTheyCameIn_AndForgetsTheRemovedOnes()
    {
        var table = new FilterTable();
        var keys = new[] { 7, 3, 12, 0, 9, 5, 1, 11, 4, 8, 2 };
        var filters = keys.ToDictionary(k => k, Filter);
        foreach (var k in keys) table.Set(k, filters[k]);
        Assert.That(table.Count, Is.EqualTo(keys.Length));
        foreach (var k in keys) Assert.That(table.Of(k), Is.SameAs(filters[k]));
        Assert.That(table.Of(6), Is.Null);
        Assert.That(table.Of(13), Is.Null);
        Assert.That(Enumerable.Range(0, table.Count).Select(i => table.NewestAt(i).Framework.Id.Value),
            Is.EqualTo(keys.Order()), "in framework order");

        table.Remove(0);
        table.Remove(12);
        table.Remove(5);
        table.Remove(6);
        Assert.That(table.Count, Is.EqualTo(keys.Length - 3));
        foreach (var k in keys)
            Assert.That(table.Of(k), k is 0 or 12 or 5 ? Is.Null : Is.SameAs(filters[k]));
    }

    [Test]
    public void Setting_AFrameworkAgain_ReplacesItsNewest()
    {
        var table = new FilterTable();
        var (older, newer) = (Filter(3), Filter(3));
        table.Set(3, older);
        table.Set(3, newer);
        Assert.That(table.Count, Is.EqualTo(1));
        Assert.That(table.Of(3), Is.SameAs(newer));
        table.Clear();
        Assert.That(table.Count, Is.Zero);
        Assert.That(table.Of(3), Is.Null);
    }

    [Test]
    public void Frameworks_SharingAMaskBit_AreToldApart_AndRemovingOneKeepsTheOther()
    {
        // Keys 3, 67 and 131 share bit 3 of the 64-bit mask.
        var table = new FilterTable();
        var (f3, f131) = (Filter(3), Filter(131));
        table.Set(3, f3);
        table.Set(131, f131);
        Assert.That(table.Of(67), Is.Null);
        table.Remove(131);
        Assert.That(table.Of(3), Is.SameAs(f3));
        Assert.That(table.Of(131), Is.Null);
        table.Remove(3);
        Assert.That(table.Of(3), Is.Null);
        Assert.That(table.Count, Is.Zero);
    }

    [Test]
    public void With_ManyFrameworks_RemovingMostOfThem_LeavesTheRestFound()
    {
        var table = new FilterTable();
        var filters = Enumerable.Range(0, 200).ToDictionary(k => k, Filter);
        foreach (var k in Enumerable.Range(0, 200).Reverse()) table.Set(k, filters[k]);
        for (int k = 0; k < 200; k++)
            if (k % 7 != 0) table.Remove(k);
        for (int k = 0; k < 200; k++)
            Assert.That(table.Of(k), k % 7 == 0 ? Is.SameAs(filters[k]) : Is.Null, $"framework {k}");
        Assert.That(table.Count, Is.EqualTo(29));
    }

    [Test]
    public void Push_IsOfThenSet_OverRandomChanges()
    {
        // Keys 0..199 collide in the 64-bit mask; removals, clears and re-adds in any order.
        var random = new Random(11);
        var pushed = new FilterTable();
        var reference = new FilterTable();
        var filters = Enumerable.Range(0, 200).ToDictionary(k => k, Filter);
        for (int step = 0; step < 20_000; step++)
        {
            int k = random.Next(random.Next(2) == 0 ? 8 : 200);
            switch (random.Next(10))
            {
                case < 6:
                    var filter = random.Next(2) == 0 ? filters[k] : Filter(k);
                    var expected = reference.Of(k);
                    reference.Set(k, filter);
                    Assert.That(pushed.Push(k, filter), Is.SameAs(expected), $"step {step}");
                    break;
                case < 9:
                    reference.Remove(k);
                    pushed.Remove(k);
                    break;
                default:
                    if (random.Next(50) == 0)
                    {
                        reference.Clear();
                        pushed.Clear();
                    }
                    break;
            }
            Assert.That(pushed.Count, Is.EqualTo(reference.Count), $"step {step}");
            Assert.That(pushed.Of(k), Is.SameAs(reference.Of(k)), $"step {step}");
        }
        for (int i = 0; i < reference.Count; i++) Assert.That(pushed.NewestAt(i), Is.SameAs(reference.NewestAt(i)));
    }

    [Test]
    public void Blocks_IsAnyFilterOfTheChainContainingTheOffer_WhicheverOfThemItIs()
    {
        var table = new FilterTable();
        var framework = Framework(5, Role("r"));
        RefusalFilter Refusing(string resources) => new(R.Parse(resources), framework);
        var (older, newer) = (Refusing("cpus:4;mem:1024"), Refusing("cpus:1;mem:4096"));
        newer.Next = older;
        older.Previous = newer;
        table.Set(5, newer);
        Assert.That(table.Blocks(5, R.Parse("cpus:1;mem:2048")), Is.True, "the newest");
        Assert.That(table.Blocks(5, R.Parse("cpus:3;mem:512")), Is.True, "an older one");
        Assert.That(table.Blocks(5, R.Parse("cpus:3;mem:2048")), Is.False, "neither alone contains it");
        Assert.That(table.Blocks(4, R.Parse("cpus:1")), Is.False, "another framework");
        // The newest gone (it expired): the table now copies the older one's resources.
        older.Previous = null;
        table.Set(5, older);
        Assert.That(table.Blocks(5, R.Parse("cpus:1;mem:2048")), Is.False);
        Assert.That(table.Blocks(5, R.Parse("cpus:3;mem:512")), Is.True);
    }
}
