using ClusterSim.Experiments.Plots;
using NUnit.Framework;

namespace ClusterSim.Experiments.Tests.Plots;

public class DownsamplerTests
{
    private static List<(double X, double Y)> Noise(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => (i * 0.5, random.NextDouble() * 100)).ToList();
    }

    [Test]
    public void Short_series_are_returned_unchanged()
    {
        var points = Noise(100, 1);

        Assert.That(Downsampler.MinMax(points, 100), Is.SameAs(points));
    }

    [Test]
    public void Long_series_are_bounded_and_keep_extremes_ends_and_order()
    {
        var points = Noise(50_000, 2);
        points[12_345] = (points[12_345].X, -1);
        points[40_000] = (points[40_000].X, 101);

        var thinned = Downsampler.MinMax(points, 100);

        Assert.That(thinned, Has.Count.LessThanOrEqualTo(202));
        Assert.That(thinned, Does.Contain(points[12_345]).And.Contain(points[40_000]));
        Assert.That(thinned[0], Is.EqualTo(points[0]));
        Assert.That(thinned[^1], Is.EqualTo(points[^1]));
        Assert.That(thinned.Select(p => p.X), Is.Ordered.Ascending);
    }

    [Test]
    public void Every_bucket_keeps_its_own_minimum_and_maximum()
    {
        // A slow sine with a spike in every one of 10 buckets: each spike must survive.
        var points = Enumerable.Range(0, 10_000).Select(i => ((double)i, i % 1000 == 500 ? 1000.0 : Math.Sin(i / 300.0))).ToList();

        var thinned = Downsampler.MinMax(points, 10);

        Assert.That(thinned.Count(p => p.Y == 1000), Is.EqualTo(10));
    }

    [Test]
    public void Is_deterministic()
    {
        var points = Noise(10_000, 3);

        var first = Downsampler.MinMax(points, 50);
        var second = Downsampler.MinMax(points, 50);

        Assert.That(second, Is.EqualTo(first));
    }
}
