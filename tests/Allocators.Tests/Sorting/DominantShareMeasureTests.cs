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
}
