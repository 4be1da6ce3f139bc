using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace ClusterSim.Experiments.Output;

/// <summary>
/// One metric of one variant across its seeds: the mean, the sample standard deviation and the 95%
/// confidence interval of the mean from Student's t distribution (n - 1 degrees of freedom), clipped to the
/// metric's domain (<see cref="MetricDomain"/>: a wait's interval does not reach below 0, a utilisation's not
/// above 1). <see cref="HalfWidth"/> is the unclipped half-width t sd / sqrt(n). With one seed there is no
/// interval (NaN).
/// </summary>
public sealed record MetricComparison(string Variant, string Metric, int N, double Mean, double StdDev, double CiLow, double CiHigh)
{
    public static MetricComparison Of(string variant, string metric, IReadOnlyList<double> values)
    {
        var xs = values.Where(v => !double.IsNaN(v)).ToArray();
        if (xs.Length == 0) return new(variant, metric, 0, double.NaN, double.NaN, double.NaN, double.NaN);
        double mean = xs.Mean();
        if (xs.Length == 1) return new(variant, metric, 1, mean, double.NaN, double.NaN, double.NaN);
        double sd = xs.StandardDeviation();
        double half = StudentT.InvCDF(0, 1, xs.Length - 1, 0.975) * sd / Math.Sqrt(xs.Length);
        var domain = MetricDomain.Of(metric);
        return new(variant, metric, xs.Length, mean, sd, domain.Clip(mean - half), domain.Clip(mean + half)) { HalfWidth = half };
    }

    /// <summary>Half the width of the unclipped interval (what "mean +- h" reports); NaN without one.</summary>
    public double HalfWidth { get; init; } = double.NaN;
}
