namespace ClusterSim.Experiments.Output;

/// <summary>
/// The values a summary metric can take, so that a confidence interval from Student's t (symmetric about
/// the mean) is not reported beyond them: utilisations, shares, goodput, Jain's index, schedulers' busy and conflict fractions lie in [0, 1]; everything
/// else summary.csv holds (waits, completion times, makespan, counts, unserved load) is at least 0.
/// </summary>
public readonly record struct MetricDomain(double Low, double High)
{
    public static readonly MetricDomain Fraction = new(0, 1);
    public static readonly MetricDomain NonNegative = new(0, double.PositiveInfinity);

    /// <summary>The domain of a summary.csv column; per-role and per-framework columns ("share_mean:web",
    /// "wait_mean_s:hadoop") have their metric's domain.</summary>
    public static MetricDomain Of(string metric)
    {
        var name = metric.Split(':')[0];
        return name is "cpu_util_mean" or "mem_util_mean" or "service_util_mean" or "jain_fairness" or "jain_mean_shares"
            or "share_mean" or "dominant_share_mean" or "goodput" or "scheduler_busy" or "conflict_fraction"
            ? Fraction : NonNegative;
    }

    public double Clip(double value) => double.IsNaN(value) ? value : Math.Clamp(value, Low, High);
}
