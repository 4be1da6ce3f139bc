using ClusterSim.Experiments.Output;

namespace ClusterSim.Experiments.Tests.Statistics;

/// <summary>Two-sided p-values worked out by hand (sign assignments counted on paper) and, above the exact
/// limit, from the normal approximation's formula.</summary>
public class WilcoxonSignedRankTests
{
    [Test]
    public void AllPositive_IsTheSmallestExactP_TwoOverTwoToTheN()
    {
        // W+ = 15, the largest of 32 equally likely sums: P(W+ >= 15) = 1/32, p = 2/32.
        Assert.That(WilcoxonSignedRank.TwoSidedP([1, 2, 3, 4, 5]), Is.EqualTo(0.0625).Within(1e-12));
    }

    [Test]
    public void MixedSigns_CountSubsetsOfRanks()
    {
        // Ranks 1..6, negatives have ranks 1 and 4: W+ = 16, W- = 5. Subsets of {1..6} summing to at most 5:
        // {}, {1}, {2}, {3}, {1,2}, {4}, {1,3}, {5}, {1,4}, {2,3} = 10 of 64; p = 2 x 10/64 (R: V = 16, p = 0.3125).
        Assert.That(WilcoxonSignedRank.TwoSidedP([-1, 2, 3, -4, 5, 6]), Is.EqualTo(0.3125).Within(1e-12));
        Assert.That(WilcoxonSignedRank.TwoSidedP([1, -2, -3, 4, -5, -6]), Is.EqualTo(0.3125).Within(1e-12), "mirror image");
    }

    [Test]
    public void Ties_GetMidranks_AndTheExactDistributionOfThoseRanks()
    {
        // |d| = 1, 2, 2, 3 -> ranks 1, 2.5, 2.5, 4; W+ = 1 + 2.5 + 4 = 7.5. Of the 16 subset sums of
        // {1, 2.5, 2.5, 4}, four are >= 7.5 (7.5, 7.5, 9, 10): p = 2 x 4/16.
        Assert.That(WilcoxonSignedRank.TwoSidedP([1, -2, 2, 3]), Is.EqualTo(0.5).Within(1e-12));
    }

    [Test]
    public void Zeros_AreDropped_WilcoxonsMethod_NotPratts()
    {
        // Without the zero: |d| = 3, 3, 6, 3, 1 -> ranks 3, 3, 5, 3, 1; W+ = 3 + 1 = 4. Sums of {1, 3, 3, 3, 5} at
        // most 4: {} , {1}, three {3}, three {1,3} = 8 of 32: p = 0.5. Pratt's method (rank the zero, then
        // drop it) would give 0.5625.
        Assert.That(WilcoxonSignedRank.TwoSidedP([-3, -3, -6, 3, 1, 0]), Is.EqualTo(0.5).Within(1e-12));
    }

    [Test]
    public void AllZero_IsOne_NotNaN()
    {
        Assert.That(WilcoxonSignedRank.TwoSidedP([0, 0, 0]), Is.EqualTo(1));
        Assert.That(WilcoxonSignedRank.TwoSidedP([]), Is.EqualTo(1));
    }

    [Test]
    public void AboveTheExactLimit_NormalApproximationWithContinuityCorrection()
    {
        // n = 30 all positive: W+ = 465, E = 30 x 31 / 4 = 232.5, Var = 30 x 31 x 61 / 24 = 2363.75,
        // z = (232.5 - 0.5) / sqrt(2363.75) = 4.771855, p = 2 Phi(-z) = 1.825371e-6.
        var d = Enumerable.Range(1, 30).Select(i => (double)i).ToArray();
        Assert.That(WilcoxonSignedRank.TwoSidedP(d), Is.EqualTo(1.825371456e-6).Within(1e-13));
    }

    [Test]
    public void AboveTheExactLimit_TiesReduceTheVariance()
    {
        // 1, 1, 1, -2, -2, 3..27: ranks 2 (x3), 4.5 (x2), 6..30; W+ = 6 + 450 = 456.
        // Var = 2363.75 - ((27 - 3) + (8 - 2)) / 48 = 2363.125; z = 223 / sqrt(2363.125) = 4.587346; p = 4.489159e-6.
        double[] d = [1, 1, 1, -2, -2, .. Enumerable.Range(3, 25).Select(i => (double)i)];
        Assert.That(d, Has.Length.EqualTo(30));
        Assert.That(WilcoxonSignedRank.TwoSidedP(d), Is.EqualTo(4.489159411e-6).Within(1e-13));
    }

    [Test]
    public void AtTheExactLimit_ExactAndApproximateAgreeRoughly()
    {
        // 25 differences, the exact count; 26, the approximation: a balanced sample is far from significant in both.
        var exact = Enumerable.Range(1, 25).Select(i => i % 2 == 0 ? i : -(double)i).ToArray();
        var approx = Enumerable.Range(1, 26).Select(i => i % 2 == 0 ? i : -(double)i).ToArray();
        Assert.That(WilcoxonSignedRank.TwoSidedP(exact), Is.GreaterThan(0.5).And.LessThanOrEqualTo(1));
        Assert.That(WilcoxonSignedRank.TwoSidedP(approx), Is.GreaterThan(0.5).And.LessThanOrEqualTo(1));
    }
}
