using ClusterSim.Workloads.Synthetic;

namespace ClusterSim.Experiments.Output;

/// <summary>
/// The result of a check against queueing theory: the Erlang C (M/M/c) mean wait, or the M/D/1 mean time
/// from submission to placement of a monolithic scheduler, beside the simulated one. It passes when the
/// analytic value lies within the simulated mean's 95% confidence interval widened by the allowance.
/// </summary>
public sealed record QueueingCheck(string Variant, int Servers, double ArrivalRate, double MeanService,
    double Analytic, MetricComparison Simulated, double Allowance)
{
    /// <summary>"erlang-c" or "m-d-1", as checks.csv names it.</summary>
    public string Model { get; init; } = "erlang-c";

    /// <summary>Every check the variant asks for.</summary>
    public static IEnumerable<QueueingCheck> All(VariantResults results)
    {
        if (Evaluate(results) is { } erlang) yield return erlang;
        if (EvaluateMdOne(results) is { } mdOne) yield return mdOne;
    }

    /// <summary>
    /// The monolithic scheduler as an M/D/1 queue: Poisson job arrivals at rate lambda, one server, each job
    /// served in the constant decision time D = t_job + t_task x tasks. Pollaczek-Khinchine's mean wait for
    /// a deterministic service is W_q = lambda D^2 / (2 (1 - rho)) with rho = lambda D (Kleinrock, Queueing
    /// Systems vol. 1, 1975, eq. 5.72 with the service's second moment D^2), so a job waits W_q + D from
    /// submission to placement.
    /// </summary>
    public static QueueingCheck? EvaluateMdOne(VariantResults results)
    {
        var spec = results.Spec;
        if (spec.MdOne is not { } check) return null;
        var framework = spec.Frameworks.Single(f => f.Settings.Name == check.Framework);
        var synthetic = framework.Workload!.Synthetic!;
        double lambda = synthetic.Arrival.RatePerSecond;
        int tasks = Math.Max(1, (int)Math.Round(synthetic.TasksPerJob.A));
        double d = framework.Settings.DecisionTime.ForJob(tasks).Seconds;
        double rho = lambda * d;
        double analytic = rho >= 1 ? double.PositiveInfinity : lambda * d * d / (2 * (1 - rho)) + d;
        return new QueueingCheck(results.Name, 1, lambda, d, analytic,
            results.Comparison($"placement_mean_s:{check.Framework}"), check.Allowance)
        { Model = "m-d-1" };
    }

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
