using ClusterSim.Experiments.Output;

namespace ClusterSim.Experiments.Tests.Statistics;

public class PairedDifferenceTests
{
    [Test]
    public void Differences_AreVariantMinusBaseline_PerSeed_AndNotClipped()
    {
        // Utilisation lower by 0.1 to 0.3 on every seed: the differences are negative, which a utilisation's
        // domain would forbid; they are reported as they are.
        var d = PairedDifference.Of("cpu_util_mean", "random", "drf", [(0.5, 0.6), (0.4, 0.6), (0.3, 0.6)]);
        Assert.That(d.MeanDifference, Is.EqualTo(-0.2).Within(1e-12));
        // sd 0.1, t(0.975, 2) = 4.302653: -0.2 +- 0.248414, below 0 where a utilisation's interval would stop.
        Assert.That(d.CiLow, Is.EqualTo(-0.448414).Within(1e-6));
        Assert.That(d.CiHigh, Is.EqualTo(0.048414).Within(1e-6));
        Assert.That(d.Runs, Is.EqualTo(3));
    }

    [Test]
    public void A_SeedMissingInEitherRun_IsLeftOut()
    {
        var d = PairedDifference.Of("wait_mean_s", "b", "a", [(double.NaN, 1), (5, 2), (4, 2), (7, double.NaN), (3, 2)]);
        Assert.That(d.Runs, Is.EqualTo(3));
        Assert.That(d.MeanDifference, Is.EqualTo(2).Within(1e-12));
    }

    [Test]
    public void IdenticalRuns_HavePValuesOfOne()
    {
        var d = PairedDifference.Of("jct_mean_s", "b", "a", [(10, 10), (12, 12), (11, 11)]);
        Assert.That((d.MeanDifference, d.PT, d.PWilcoxon, d.CiLow, d.CiHigh), Is.EqualTo((0.0, 1.0, 1.0, 0.0, 0.0)));
    }

    [Test]
    public void NoPairs_IsAllMissing()
    {
        var d = PairedDifference.Of("jct_mean_s", "b", "a", [(double.NaN, 1)]);
        Assert.That(d.Runs, Is.EqualTo(0));
        Assert.That(d.PT, Is.NaN);
        Assert.That(d.PWilcoxon, Is.NaN);
    }
}
