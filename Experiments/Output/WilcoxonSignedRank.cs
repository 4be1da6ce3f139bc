using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace ClusterSim.Experiments.Output;

/// <summary>
/// The Wilcoxon signed-rank test of paired differences against a median of zero, two-sided. MathNet.Numerics
/// 5.0.0 has no such test, so it is here, after Hollander, Wolfe and Chicken, <i>Nonparametric Statistical
/// Methods</i> (3rd ed., Wiley 2014), section 3.1:
/// <list type="bullet">
/// <item>Zero differences are dropped and n counts the rest (Wilcoxon's own zero method, as R's
/// <c>wilcox.test</c> and SciPy's default do); the absolute differences are ranked with ties given their
/// mean rank (midranks); the statistic is W+, the sum of the ranks of the positive differences.</item>
/// <item>n &lt;= <see cref="ExactLimit"/>: the exact null distribution of W+ given the observed ranks: each of
/// the 2^n sign assignments is equally likely, counted by dynamic programming over the sums of doubled
/// ranks (integers, since midranks are multiples of one half). With ties this is the exact permutation
/// distribution of the midranks, not an approximation. p = min(1, 2 min(P(W+ &lt;= w), P(W+ &gt;= w))).</item>
/// <item>n &gt; <see cref="ExactLimit"/>: the normal approximation with the tie correction of the variance
/// and a continuity correction of one half: E W+ = n(n+1)/4, Var W+ = n(n+1)(2n+1)/24 - sum(t^3 - t)/48
/// over groups of t tied absolute differences, z = (|W+ - E W+| - 1/2) / sd, p = 2 Phi(-z).</item>
/// </list>
/// When every difference is zero there is no evidence of any difference: p is 1, not NaN.
/// </summary>
public static class WilcoxonSignedRank
{
    /// <summary>Up to this many non-zero differences the exact distribution is used (2^25 sign
    /// assignments, counted in an array of at most n(n+1) + 1 sums).</summary>
    public const int ExactLimit = 25;

    /// <summary>The two-sided p-value for <paramref name="differences"/> (NaN entries are not allowed).</summary>
    public static double TwoSidedP(IReadOnlyList<double> differences)
    {
        var nonZero = differences.Where(d => d != 0).ToArray();
        if (nonZero.Length == 0) return 1;
        var ranks = nonZero.Select(Math.Abs).Ranks(RankDefinition.Average);
        double wPlus = 0;
        for (int i = 0; i < nonZero.Length; i++)
            if (nonZero[i] > 0) wPlus += ranks[i];
        return nonZero.Length <= ExactLimit ? ExactP(ranks, wPlus) : NormalP(ranks, wPlus);
    }

    private static double ExactP(double[] ranks, double wPlus)
    {
        var doubled = ranks.Select(r => (int)Math.Round(2 * r)).ToArray();
        int total = doubled.Sum();
        // counts[s]: how many sign assignments give doubled W+ = s. At most 2^25, exact in a double.
        var counts = new double[total + 1];
        counts[0] = 1;
        int reached = 0;
        foreach (var score in doubled)
        {
            for (int s = reached; s >= 0; s--)
                if (counts[s] != 0) counts[s + score] += counts[s];
            reached += score;
        }
        int observed = (int)Math.Round(2 * wPlus);
        double all = Math.Pow(2, ranks.Length), lower = 0, upper = 0;
        for (int s = 0; s <= total; s++)
        {
            if (s <= observed) lower += counts[s];
            if (s >= observed) upper += counts[s];
        }
        return Math.Min(1, 2 * Math.Min(lower, upper) / all);
    }

    private static double NormalP(double[] ranks, double wPlus)
    {
        double n = ranks.Length;
        double mean = n * (n + 1) / 4;
        double ties = ranks.GroupBy(r => r).Select(g => (double)g.Count()).Sum(t => t * t * t - t);
        double variance = n * (n + 1) * (2 * n + 1) / 24 - ties / 48;
        double z = Math.Max(0, Math.Abs(wPlus - mean) - 0.5) / Math.Sqrt(variance);
        return Math.Min(1, 2 * Normal.CDF(0, 1, -z));
    }
}
