using ClusterSim.Allocators.Sorting;
using ClusterSim.Core.Resources;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Allocators.Tests.Sorting;

/// <summary>The DRF sorter's measure is written out for speed; it must give Resources.MaxShareOf's value bit for
/// bit, or a tie in the sorter's order could break the other way.</summary>
public class DominantShareMeasureTests
{
    [Test]
    public void DominantShare_IsMaxShareOf_BitForBit()
    {
        var random = new Random(5);
        long Draw() => random.Next(4) switch
        {
            0 => 0,
            1 => random.Next(1, 1000),
            2 => random.NextInt64(1, 10_000_000_000L),
            _ => random.Next(1, 3) * 333_333,
        };
        for (int i = 0; i < 50_000; i++)
        {
            var total = R.FromFixed(Draw(), Draw(), Draw(), Draw());
            var allocation = R.FromFixed(Draw(), Draw(), Draw(), Draw());
            var excluded = new ResourceKindSet(random.Next(16));
            double expected = allocation.MaxShareOf(total, excluded);
            double actual = ShareMeasures.Dominant(excluded)(allocation, total);
            Assert.That(BitConverter.DoubleToInt64Bits(actual), Is.EqualTo(BitConverter.DoubleToInt64Bits(expected)),
                $"{allocation} of {total}, excluding {excluded}");
        }
    }

    [Test]
    public void DrfSorter_Shares_AreMaxShareOf_OverWeight_BitForBit()
    {
        var random = new Random(9);
        var excluded = new ResourceKindSet(0).With(ResourceKind.Gpus);
        var total = R.FromFixed(1_000_003, 7_777_777, 333_333, 5_000);
        var s = new DrfSorter(excluded);
        s.SetTotal(total);
        var held = new R[20];
        var weights = new double[20];
        for (int c = 0; c < held.Length; c++)
        {
            s.Add($"c{c:D2}", 1.0);
            weights[c] = 1.0;
        }
        s.Sort();
        for (int step = 0; step < 5_000; step++)
        {
            int c = random.Next(held.Length);
            var size = R.FromFixed(random.Next(1, 9_999), random.Next(1, 99_999), random.Next(0, 9_999), random.Next(0, 99));
            if (random.Next(3) == 0 && held[c].Contains(size))
            {
                s.Unallocated(c, size);
                held[c] -= size;
            }
            else if (random.Next(10) == 0)
            {
                weights[c] = 0.5 + random.Next(6) * 0.7;
                s.UpdateWeight(c, weights[c]);
            }
            else
            {
                s.Allocated(c, size);
                held[c] += size;
            }
            double expected = held[c].MaxShareOf(total, excluded) / weights[c];
            Assert.That(BitConverter.DoubleToInt64Bits(s.Share(c)), Is.EqualTo(BitConverter.DoubleToInt64Bits(expected)), $"step {step}");
        }
    }
}
