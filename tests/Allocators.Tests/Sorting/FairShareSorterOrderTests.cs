using ClusterSim.Allocators.Sorting;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Tests.Sorting;

/// <summary>The sorter keeps its order by moving one client per change; it must always be the order a full
/// sort by (weighted share, grants, name) gives.</summary>
public class FairShareSorterOrderTests
{
    [Test]
    public void After_AnySequenceOfChanges_TheKeptOrder_IsTheFullySortedOne()
    {
        var random = new Random(7);
        var s = new DrfSorter();
        s.SetTotal(R.Parse("cpus:100;mem:1000"));
        var names = new List<string>();
        var held = new List<R>();
        var grants = new List<long>();
        var weights = new List<double>();
        for (int i = 0; i < 30; i++)
        {
            // Names out of handle order, so that ties are broken by name, not by handle.
            names.Add($"c{(i * 7) % 30:D2}");
            s.Add(names[i]);
            held.Add(R.Empty);
            grants.Add(0);
            weights.Add(1.0);
        }
        s.Sort();
        // Few distinct grant sizes, so that many clients tie on share and on grant count.
        var sizes = new[] { R.Parse("cpus:1;mem:10"), R.Parse("cpus:2;mem:5"), R.Parse("cpus:1;mem:30") };
        for (int step = 0; step < 3000; step++)
        {
            int c = random.Next(names.Count);
            int what = random.Next(10);
            if (what < 6)
            {
                var size = sizes[random.Next(sizes.Length)];
                s.Allocated(c, size);
                held[c] += size;
                grants[c]++;
            }
            else if (what < 9)
            {
                var size = sizes.FirstOrDefault(z => held[c].Contains(z));
                if (size.IsEmpty) continue;
                s.Unallocated(c, size);
                held[c] -= size;
            }
            else
            {
                weights[c] = 1 + random.Next(3);
                s.UpdateWeight(c, weights[c]);
            }
            var expected = Enumerable.Range(0, names.Count)
                .OrderBy(i => s.Share(i))
                .ThenBy(i => grants[i])
                .ThenBy(i => names[i], StringComparer.Ordinal)
                .ToArray();
            Assert.That(s.Sort(), Is.EqualTo(expected), $"after step {step}");
        }
    }

    [Test]
    public void Clients_Coming_AndGoing_KeepTiesBrokenByName()
    {
        var random = new Random(11);
        var s = new DrfSorter();
        s.SetTotal(R.Parse("cpus:100;mem:1000"));
        s.Sort();
        var live = new Dictionary<int, string>();
        var grants = new Dictionary<int, long>();
        for (int step = 0; step < 400; step++)
        {
            if (live.Count < 3 || random.Next(3) > 0)
            {
                // Names in random order, so that each one lands among the others, after gaps removals left.
                string name = $"n{random.Next(100_000):D6}-{step}";
                int handle = s.Add(name);
                live[handle] = name;
                grants[handle] = 0;
            }
            else
            {
                int gone = live.Keys.ElementAt(random.Next(live.Count));
                s.Remove(gone);
                live.Remove(gone);
            }
            // Equal grants for everyone so far (or none), so that most of the order is the names'.
            int any = live.Keys.ElementAt(random.Next(live.Count));
            if (random.Next(4) == 0)
            {
                s.Allocated(any, R.Parse("cpus:1"));
                grants[any]++;
            }
            var expected = live.Keys
                .OrderBy(h => s.Share(h))
                .ThenBy(h => grants[h])
                .ThenBy(h => live[h], StringComparer.Ordinal)
                .ToArray();
            Assert.That(s.Sort(), Is.EqualTo(expected), $"after step {step}");
        }
    }

    [Test]
    public void A_LoneClient_WhoseShareWasLeftUncomputed_IsOrderedRightlyOnceAnotherComes()
    {
        var s = new DrfSorter();
        s.SetTotal(R.Parse("cpus:10;mem:100"));
        int a = s.Add("a");
        Assert.That(s.Sort(), Is.EqualTo(new[] { a }));
        s.Allocated(a, R.Parse("cpus:5"));
        s.Allocated(a, R.Parse("cpus:1"));
        Assert.That(s.Sort(), Is.EqualTo(new[] { a }));
        int b = s.Add("b");
        s.Allocated(b, R.Parse("cpus:2"));
        Assert.That(s.Sort(), Is.EqualTo(new[] { b, a }), "a holds 0.6, b 0.2");
        Assert.That(s.Share(a), Is.EqualTo(0.6).Within(1e-12));
        s.Unallocated(a, R.Parse("cpus:5"));
        Assert.That(s.Sort(), Is.EqualTo(new[] { a, b }), "a holds 0.1 now");
    }
}

