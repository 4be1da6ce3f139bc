using MathNet.Numerics.Statistics;

namespace ClusterSim.Experiments.Output;

/// <summary>
/// One metric of one variant against the baseline variant, paired by seed: runs with the same seed see the
/// same workload (arrivals, task sizes and durations are drawn from streams of the seed and the framework's
/// name, not of the policy), so the per-seed difference (variant minus baseline) removes the workload's
/// variation that separate means would carry. The mean difference with its 95% interval and two-sided
/// p-values of the paired t-test (<see cref="PairedTTest"/>) and the Wilcoxon signed-rank test
/// (<see cref="WilcoxonSignedRank"/>). Differences are not clipped to the metric's domain: a difference of
/// two utilisations may be negative. A seed whose value is missing (NaN) in either run is left out;
/// <see cref="Runs"/> counts the pairs used.
/// </summary>
public sealed record PairedDifference(string Metric, string Variant, string Baseline, double MeanDifference,
    double CiLow, double CiHigh, double PT, double PWilcoxon, int Runs)
{
    /// <summary>The level below which a p-value is called significant in the report.</summary>
    public const double Significance = 0.05;

    public static PairedDifference Of(string metric, string variant, string baseline, IReadOnlyList<(double Value, double Baseline)> pairs)
    {
        var d = pairs.Where(p => !double.IsNaN(p.Value) && !double.IsNaN(p.Baseline)).Select(p => p.Value - p.Baseline).ToArray();
        if (d.Length == 0) return new(metric, variant, baseline, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);
        var (low, high) = PairedTTest.Interval95(d);
        return new(metric, variant, baseline, d.Mean(), low, high, PairedTTest.TwoSidedP(d), WilcoxonSignedRank.TwoSidedP(d), d.Length);
    }

    /// <summary>
    /// Every metric of every variant but the baseline against the baseline, metric by metric in summary
    /// column order, variants in file order. Runs are paired by seed.
    /// </summary>
    public static IReadOnlyList<PairedDifference> All(IReadOnlyList<VariantResults> variants, string baseline)
    {
        var reference = variants.Single(v => v.Name == baseline);
        var metrics = reference.Runs[0].Summary.Metrics().Select(m => m.Name).ToArray();
        var rows = new List<PairedDifference>();
        for (int m = 0; m < metrics.Length; m++)
            foreach (var v in variants.Where(v => v.Name != baseline))
            {
                var pairs = v.Runs.Join(reference.Runs, r => r.Summary.Seed, r => r.Summary.Seed,
                    (r, b) => (Value(r, metrics[m]), Value(b, metrics[m]))).ToArray();
                rows.Add(Of(metrics[m], v.Name, baseline, pairs));
            }
        return rows;
    }

    private static double Value(Running.RunResult run, string metric)
    {
        foreach (var (name, value) in run.Summary.Metrics())
            if (name == metric) return value;
        return double.NaN;
    }
}
