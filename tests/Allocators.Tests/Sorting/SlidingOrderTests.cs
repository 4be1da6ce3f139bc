using ClusterSim.Allocators.Sorting;

namespace ClusterSim.Allocators.Tests.Sorting;

/// <summary>The sorter's sliding order must read, after any sequence of changes, as a list changed the same
/// way would.</summary>
public class SlidingOrderTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void AnySequenceOfChanges_ReadsAsTheSameChanges_ToAList(int seed)
    {
        var random = new Random(seed);
        var order = new SlidingOrder();
        var list = new List<int>();
        int next = 0;
        for (int step = 0; step < 20_000; step++)
        {
            int what = random.Next(10);
            if (list.Count == 0 || what < 3)
            {
                // Grows past several capacities and shrinks back, the start anywhere in the buffer.
                if (list.Count > 300) continue;
                int at = random.Next(list.Count + 1);
                order.Insert(at, next);
                list.Insert(at, next++);
            }
            else if (what < 5)
            {
                int at = random.Next(list.Count);
                order.RemoveAt(at);
                list.RemoveAt(at);
            }
            else if (what < 9)
            {
                // Often the first to near the end, as a grant moves the client it went to.
                int from = random.Next(2) == 0 ? 0 : random.Next(list.Count);
                int to = random.Next(list.Count);
                order.Move(from, to);
                int handle = list[from];
                list.RemoveAt(from);
                list.Insert(to, handle);
            }
            else
            {
                // Few distinct keys, so that the sort meets many ties.
                Comparison<int> byKey = (a, b) => (a % 7).CompareTo(b % 7);
                order.Sort(byKey);
                list.Sort(byKey);
            }
            Assert.That(order.Count, Is.EqualTo(list.Count), $"step {step}");
            Assert.That(order, Is.EqualTo(list), $"step {step}");
            int probe = list.Count > 0 && random.Next(4) > 0 ? list[random.Next(list.Count)] : next + 1;
            Assert.That(order.IndexOf(probe), Is.EqualTo(list.IndexOf(probe)), $"step {step}");
        }
    }

    [Test]
    public void FirstToLast_ManyTimes_SlidesAndComesBack_AsARotation()
    {
        // The grant pattern of DeclineOffers: the first client goes to the end, again and again, so the order
        // slides to the end of its array and is moved back to the middle many times.
        var order = new SlidingOrder();
        for (int i = 0; i < 100; i++) order.Add(i);
        for (int step = 1; step <= 10_000; step++)
        {
            order.Move(0, order.Count - 1);
            if (step % 997 != 0) continue;
            Assert.That(order, Is.EqualTo(Enumerable.Range(0, 100).Select(i => (i + step) % 100)), $"step {step}");
        }
    }

    [Test]
    public void Indexing_OutsideTheOrder_Throws()
    {
        var order = new SlidingOrder();
        order.Add(5);
        Assert.That(() => order[1], Throws.TypeOf<ArgumentOutOfRangeException>());
        Assert.That(() => order.Move(0, 1), Throws.TypeOf<ArgumentOutOfRangeException>());
    }
}
