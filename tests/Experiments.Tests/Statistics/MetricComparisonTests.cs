using ClusterSim.Experiments.Output;

namespace ClusterSim.Experiments.Tests.Statistics;

public class MetricComparisonTests
{
    [Test]
    public void A_WaitsInterval_IsClippedAtZero_ItsHalfWidthIsNot()
    {
        // mean 10, sd 17.3205, t(0.975, 2) = 4.302653: 10 +- 43.0265 -> [-33.03, 53.03], clipped to [0, 53.03].
        var c = MetricComparison.Of("drf", "wait_mean_s", [0, 0, 30]);
        Assert.That(c.Mean, Is.EqualTo(10).Within(1e-12));
        Assert.That(c.CiLow, Is.EqualTo(0));
        Assert.That(c.CiHigh, Is.EqualTo(53.0265).Within(1e-4));
        Assert.That(c.HalfWidth, Is.EqualTo(43.0265).Within(1e-4));
    }

    [Test]
    public void A_UtilisationsInterval_IsClippedAtOne()
    {
        // mean 0.966667, sd 0.057735: 0.966667 +- 0.143422 -> [0.823245, 1.110088], clipped to [0.823245, 1].
        var c = MetricComparison.Of("drf", "cpu_util_mean", [0.9, 1.0, 1.0]);
        Assert.That(c.CiLow, Is.EqualTo(0.823245).Within(1e-6));
        Assert.That(c.CiHigh, Is.EqualTo(1));
    }

    [TestCase("share_mean:web", 0.0, 1.0)]
    [TestCase("jain_fairness", 0.0, 1.0)]
    [TestCase("service_util_mean", 0.0, 1.0)]
    [TestCase("mem_util_mean", 0.0, 1.0)]
    [TestCase("jct_p95_s:hadoop", 0.0, double.PositiveInfinity)]
    [TestCase("makespan_s", 0.0, double.PositiveInfinity)]
    [TestCase("offers_declined", 0.0, double.PositiveInfinity)]
    public void Domains(string metric, double low, double high)
    {
        Assert.That(MetricDomain.Of(metric), Is.EqualTo(new MetricDomain(low, high)));
    }

    [Test]
    public void An_IntervalInsideTheDomain_IsUntouched()
    {
        // mean 101, sd 1: 101 +- 2.484138.
        var c = MetricComparison.Of("drf", "jct_mean_s", [100, 101, 102]);
        Assert.That(c.CiLow, Is.EqualTo(98.515862).Within(1e-6));
        Assert.That(c.CiHigh, Is.EqualTo(103.484138).Within(1e-6));
        Assert.That(c.HalfWidth, Is.EqualTo(2.484138).Within(1e-6));
    }
}
