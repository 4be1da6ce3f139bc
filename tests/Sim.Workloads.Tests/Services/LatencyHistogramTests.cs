using ClusterSim.Core.Random;
using ClusterSim.Workloads.Services;

namespace ClusterSim.Workloads.Tests.Services;

public class LatencyHistogramTests
{
    [Test]
    public void Quantiles_AreWithinHalfABucket_OfTheExactSampleQuantiles_AndTheMeanIsExact()
    {
        var random = RandomStream.For(7, "histogram");
        var values = Enumerable.Range(0, 200_000).Select(_ => -Math.Log(1 - random.NextDouble()) * 0.05).ToArray();
        var histogram = new LatencyHistogram();
        foreach (var v in values) histogram.Add(v);
        var sorted = values.Order().ToArray();

        foreach (var q in new[] { 0.5, 0.95, 0.99, 0.999 })
        {
            double exact = sorted[(int)Math.Ceiling(q * sorted.Length) - 1];
            Assert.That(histogram.Quantile(q), Is.EqualTo(exact).Within(0.4).Percent, $"q = {q}");
        }
        Assert.That(histogram.Count, Is.EqualTo(values.Length));
        Assert.That(histogram.Mean, Is.EqualTo(values.Average()).Within(1e-12));
    }

    [Test]
    public void ValuesOutsideItsRange_AreClampedIntoTheEndBuckets_NotLost()
    {
        var histogram = new LatencyHistogram();
        histogram.Add(0);
        histogram.Add(1e9);
        Assert.That(histogram.Count, Is.EqualTo(2));
        Assert.That(histogram.Quantile(0.5), Is.EqualTo(1e-6).Within(1).Percent);
        Assert.That(histogram.Quantile(1), Is.EqualTo(1 << 20).Within(1).Percent);
    }

    [Test]
    public void Clear_EmptiesIt()
    {
        var histogram = new LatencyHistogram();
        histogram.Add(0.2);
        histogram.Clear();
        Assert.That(histogram.Count, Is.Zero);
        Assert.That(histogram.Quantile(0.5), Is.NaN);
        Assert.That(histogram.Mean, Is.NaN);
    }
}
