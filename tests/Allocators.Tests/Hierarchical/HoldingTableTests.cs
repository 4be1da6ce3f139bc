using ClusterSim.Allocators.Hierarchical;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Tests.Hierarchical;

/// <summary>An agent's holdings by framework: adding in place must give what setting the sum gives.</summary>
public class HoldingTableTests
{
    [Test]
    public void Add_IsSetOfTheSum_OverRandomChanges()
    {
        var random = new Random(3);
        var table = new HoldingTable();
        var expected = new SortedDictionary<int, Holding>();
        for (int step = 0; step < 5_000; step++)
        {
            int framework = random.Next(6);
            var held = expected.TryGetValue(framework, out var h) ? h : default;
            // Grants, and returns of all or part of what is held (a negative addition).
            var total = random.Next(3) == 0 ? R.Empty - held.Total : R.FromFixed(random.Next(0, 4), random.Next(0, 4), 0, 0);
            var reserved = random.Next(3) == 0 ? R.Empty - held.Reserved : R.FromFixed(random.Next(0, 2), 0, 0, 0);
            table.Add(framework, total, reserved);
            var next = new Holding(held.Total + total, held.Reserved + reserved);
            if (next.Total.IsEmpty) expected.Remove(framework);
            else expected[framework] = next;
            var actual = table.ToArray();
            Assert.That(actual.Select(e => e.Framework), Is.EqualTo(expected.Keys), $"step {step}");
            Assert.That(actual.Select(e => e.Holding), Is.EqualTo(expected.Values), $"step {step}");
        }
    }

    [Test]
    public void SubtractAt_IsSetOfTheDifference_OverRandomReturns()
    {
        var random = new Random(5);
        var table = new HoldingTable();
        var reference = new HoldingTable();
        for (int step = 0; step < 5_000; step++)
        {
            int framework = random.Next(6);
            int at = table.Find(framework);
            Assert.That(at >= 0, Is.EqualTo(reference.TryGetValue(framework, out var held)), $"step {step}");
            if (at < 0 || random.Next(3) == 0)
            {
                var grant = R.FromFixed(random.Next(1, 4), random.Next(0, 4), 0, 0);
                var reserved = R.FromFixed(random.Next(0, 2), 0, 0, 0).Min(grant);
                table.Add(framework, grant, reserved);
                reference.Add(framework, grant, reserved);
            }
            else
            {
                Assert.That(table.HoldingAt(at), Is.EqualTo(held), $"step {step}");
                // All of it, or a part of each kind that stays within what is held.
                var total = random.Next(3) == 0
                    ? held.Total
                    : R.FromFixed(random.Next(0, (int)held.Total.Fixed(Core.Resources.ResourceKind.Cpus) + 1),
                        random.Next(0, (int)held.Total.Fixed(Core.Resources.ResourceKind.Mem) + 1), 0, 0);
                var reserved = total.Min(held.Reserved);
                table.SubtractAt(at, total, reserved);
                reference.Set(framework, new Holding(held.Total - total, held.Reserved - reserved));
            }
            Assert.That(table.ToArray(), Is.EqualTo(reference.ToArray()), $"step {step}");
        }
    }
}
