using ClusterSim.Allocators.Sorting;
using ClusterSim.Core.Resources;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Tests.Sorting;

public class DrfSorterTests
{
    private static DrfSorter Sorter(string total = "cpus:10;mem:100")
    {
        var s = new DrfSorter();
        s.SetTotal(R.Parse(total));
        return s;
    }

    private static string[] Names(DrfSorter s, params (int Handle, string Name)[] clients) =>
        s.Sort().Select(h => clients.Single(c => c.Handle == h).Name).ToArray();

    [Test]
    public void Lower_DominantShare_ComesFirst()
    {
        var s = Sorter();
        int a = s.Add("a"), b = s.Add("b");
        s.Allocated(a, R.Parse("cpus:1;mem:50")); // dominant: mem 0.5
        s.Allocated(b, R.Parse("cpus:4;mem:10")); // dominant: cpus 0.4
        Assert.That(Names(s, (a, "a"), (b, "b")), Is.EqualTo(new[] { "b", "a" }));
        Assert.That(s.Share(a), Is.EqualTo(0.5));
    }

    [Test]
    public void Ties_GoToTheClientAllocatedFewerTimes_ThenToTheName()
    {
        var s = Sorter();
        int b = s.Add("b"), a = s.Add("a");
        Assert.That(Names(s, (a, "a"), (b, "b")), Is.EqualTo(new[] { "a", "b" }));
        s.Allocated(a, R.Parse("cpus:1"));
        s.Unallocated(a, R.Parse("cpus:1"));
        Assert.That(s.AllocationCount(a), Is.EqualTo(1), "the count is never reset");
        Assert.That(Names(s, (a, "a"), (b, "b")), Is.EqualTo(new[] { "b", "a" }));
    }

    [Test]
    public void Weight_DividesTheShare()
    {
        var s = Sorter();
        int a = s.Add("a"), b = s.Add("b", weight: 3);
        s.Allocated(a, R.Parse("cpus:2"));
        s.Allocated(b, R.Parse("cpus:5"));
        Assert.That(s.Share(b), Is.EqualTo(0.5 / 3).Within(1e-12));
        Assert.That(Names(s, (a, "a"), (b, "b")), Is.EqualTo(new[] { "b", "a" }));
        s.UpdateWeight(b, 1);
        Assert.That(Names(s, (a, "a"), (b, "b")), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void A_NewTotal_ChangesEveryShare()
    {
        var s = Sorter("cpus:10;mem:100");
        int a = s.Add("a"), b = s.Add("b");
        s.Allocated(a, R.Parse("cpus:5"));   // 0.5
        s.Allocated(b, R.Parse("mem:40"));   // 0.4
        Assert.That(Names(s, (a, "a"), (b, "b")), Is.EqualTo(new[] { "b", "a" }));
        s.SetTotal(R.Parse("cpus:100;mem:100")); // a: 0.05, b: 0.4
        Assert.That(Names(s, (a, "a"), (b, "b")), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void FairnessExcludedResources_AreLeftOutOfShares()
    {
        var s = new DrfSorter(new ResourceKindSet().With(ResourceKind.Gpus));
        s.SetTotal(R.Parse("cpus:10;gpus:2"));
        int a = s.Add("a");
        s.Allocated(a, R.Parse("cpus:1;gpus:2"));
        Assert.That(s.Share(a), Is.EqualTo(0.1));
    }

    [Test]
    public void The_KeptOrder_EqualsAFreshSort_AfterManyChanges()
    {
        var s = Sorter("cpus:1000;mem:100000");
        var random = new System.Random(11);
        var handles = Enumerable.Range(0, 50).Select(i => s.Add($"c{i:00}", 1 + i % 3)).ToArray();
        for (int step = 0; step < 2000; step++)
        {
            int h = handles[random.Next(handles.Length)];
            var r = R.Of(cpus: random.Next(1, 5), mem: random.Next(1, 500));
            if (random.Next(3) == 0) { s.Allocated(h, r); s.Unallocated(h, r); }
            else s.Allocated(h, r);
        }
        var kept = s.Sort().ToArray();
        var fresh = kept.OrderBy(h => s.Share(h)).ThenBy(h => s.AllocationCount(h)).ThenBy(h => $"c{h:00}", StringComparer.Ordinal).ToArray();
        Assert.That(kept, Is.EqualTo(fresh));
    }
}
