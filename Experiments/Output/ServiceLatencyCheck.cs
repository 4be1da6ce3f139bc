namespace ClusterSim.Experiments.Output;

/// <summary>
/// The result of an M/M/1 check of a service's requests: with n instances behind random routing, each gets a
/// Poisson stream of lambda/n and serves it in exponential time of rate mu, so its mean sojourn time is
/// 1/(mu - lambda/n) (Kleinrock, Queueing Systems I, 1975, ch. 3). It passes when the analytic value lies
/// within the simulated mean latency's 95% confidence interval widened by the allowance.
/// </summary>
public sealed record ServiceLatencyCheck(string Variant, int Instances, double ArrivalRate, double MeanService,
    double Analytic, MetricComparison Simulated, double Allowance)
{
    public double Utilisation => ArrivalRate * MeanService / Instances;

    public bool Passed =>
        !double.IsNaN(Simulated.Mean) && Math.Abs(Simulated.Mean - Analytic) <=
        (double.IsNaN(Simulated.HalfWidth) ? 0 : Simulated.HalfWidth) + Allowance;

    /// <summary>Mean sojourn time of each of n M/M/1 queues fed lambda/n.</summary>
    public static double MeanLatency(int instances, double lambda, double meanService) =>
        1.0 / (1.0 / meanService - lambda / instances);

    public static ServiceLatencyCheck? Evaluate(VariantResults results)
    {
        var spec = results.Spec;
        if (spec.Mm1 is not { } check) return null;
        var service = spec.Frameworks.Single(f => f.Settings.Name == check.Framework).Service!;
        var requests = service.Requests!;
        int n = Math.Clamp(service.Initial, service.Min, service.Max);
        double lambda = requests.PerSecond.Mean, mean = requests.ServiceTime.Mean;
        return new ServiceLatencyCheck(results.Name, n, lambda, mean, MeanLatency(n, lambda, mean),
            results.Comparison($"latency_mean_s:{check.Framework}"), check.Allowance);
    }
}
