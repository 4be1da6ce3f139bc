using ClusterSim.Workloads.Synthetic;

namespace ClusterSim.Experiments.Output;

/// <summary>
/// The result of an Erlang C check: the M/M/c mean wait beside the simulated one. It passes when the
/// analytic value lies within the simulated mean's 95% confidence interval widened by the allowance.
/// </summary>
public sealed record QueueingCheck(string Variant, int Servers, double ArrivalRate, double MeanService,
    double Analytic, MetricComparison Simulated, double Allowance)
{
    public double Utilisation => ArrivalRate * MeanService / Servers;

    public bool Passed =>
        !double.IsNaN(Simulated.Mean) && Math.Abs(Simulated.Mean - Analytic) <=
        (double.IsNaN(Simulated.HalfWidth) ? 0 : Simulated.HalfWidth) + Allowance;

    public static QueueingCheck? Evaluate(VariantResults results)
    {
        var spec = results.Spec;
        if (spec.ErlangC is not { } check) return null;
        var framework = spec.Frameworks.Single(f => f.Settings.Name == check.Framework);
        var synthetic = framework.Workload?.Synthetic
            ?? throw new InvalidOperationException($"erlangC: framework '{check.Framework}' needs a synthetic workload");
        if (synthetic.Arrival.Kind != ArrivalKind.Poisson)
            throw new InvalidOperationException("erlangC: the framework's arrivals must be poisson");
        var task = synthetic.Task;
        int servers = spec.Cluster.Groups.Sum(g =>
        {
            var r = g.Resources.Total;
            int fit = int.MaxValue;
            foreach (var kind in Core.Resources.ResourceKinds.All)
            {
                double need = task[kind];
                if (need > 0) fit = Math.Min(fit, (int)Math.Floor(r[kind] / need + 1e-9));
            }
            return g.Count * (fit == int.MaxValue ? 0 : fit);
        });
        double lambda = synthetic.Arrival.RatePerSecond;
        double service = synthetic.TaskDuration.Mean;
        return new QueueingCheck(results.Name, servers, lambda, service, ErlangC.MeanWait(servers, lambda, service),
            results.Comparison("wait_mean_s"), check.Allowance);
    }
}
