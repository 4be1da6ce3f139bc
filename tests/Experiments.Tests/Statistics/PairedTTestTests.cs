using ClusterSim.Experiments.Output;

namespace ClusterSim.Experiments.Tests.Statistics;

public class PairedTTestTests
{
    [Test]
    public void OneToFive_MatchesTheHandComputedTestAndInterval()
    {
        // mean 3, sd sqrt(2.5), se = sqrt(2.5 / 5) = 0.707107, t = 4.242641 on 4 degrees of freedom.
        // Student's t CDF for 4 df in closed form: F(t) = 1/2 + (3/8) x / sqrt(1 + x^2/4) (1 - x^2 / (12 (1 + x^2/4)))
        // gives p = 2 (1 - F(t)) = 0.0132356; t(0.975, 4) = 2.776445, interval 3 +- 1.963243.
        double[] d = [1, 2, 3, 4, 5];
        Assert.That(PairedTTest.TwoSidedP(d), Is.EqualTo(0.0132355996).Within(1e-9));
        var (low, high) = PairedTTest.Interval95(d);
        Assert.That(low, Is.EqualTo(1.036757).Within(1e-6));
        Assert.That(high, Is.EqualTo(4.963243).Within(1e-6));
    }

    [Test]
    public void AllZero_IsOne_AndTheIntervalIsZero()
    {
        Assert.That(PairedTTest.TwoSidedP([0, 0, 0]), Is.EqualTo(1));
        Assert.That(PairedTTest.Interval95([0, 0, 0]), Is.EqualTo((0.0, 0.0)));
    }

    [Test]
    public void EqualNonZeroDifferences_HaveNoSpread_PIsZero()
    {
        Assert.That(PairedTTest.TwoSidedP([2, 2, 2]), Is.EqualTo(0));
    }

    [Test]
    public void OneDifference_HasNoTest()
    {
        Assert.That(PairedTTest.TwoSidedP([3]), Is.NaN);
        Assert.That(PairedTTest.Interval95([3]).Low, Is.NaN);
    }
}
