using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace ClusterSim.Experiments.Output;

/// <summary>
/// Student's paired t-test of differences against zero, two-sided: t = mean / (sd / sqrt(n)) with n - 1
/// degrees of freedom (Student, 1908; any statistics text, e.g. Montgomery and Runger, <i>Applied Statistics
/// and Probability for Engineers</i>, section 10-4), and the 95% confidence interval of the mean difference,
/// mean +- t(0.975, n - 1) sd / sqrt(n).
/// </summary>
public static class PairedTTest
{
    /// <summary>
    /// The two-sided p-value; NaN with fewer than two differences (no spread to test against), except that
    /// differences that are all zero give 1. Differences that are all equal and not zero have no spread and
    /// an infinite t: p is 0.
    /// </summary>
    public static double TwoSidedP(IReadOnlyList<double> differences)
    {
        if (differences.Count > 0 && differences.All(d => d == 0)) return 1;
        if (differences.Count < 2) return double.NaN;
        double mean = differences.Mean(), sd = differences.StandardDeviation();
        if (sd == 0) return 0;
        double t = mean / (sd / Math.Sqrt(differences.Count));
        return Math.Min(1, 2 * StudentT.CDF(0, 1, differences.Count - 1, -Math.Abs(t)));
    }

    /// <summary>The 95% confidence interval of the mean difference; NaN with fewer than two.</summary>
    public static (double Low, double High) Interval95(IReadOnlyList<double> differences)
    {
        if (differences.Count < 2) return (double.NaN, double.NaN);
        double mean = differences.Mean();
        double half = StudentT.InvCDF(0, 1, differences.Count - 1, 0.975) * differences.StandardDeviation() / Math.Sqrt(differences.Count);
        return (mean - half, mean + half);
    }
}
