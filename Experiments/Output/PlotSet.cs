using ClusterSim.Experiments.Plots;
using ClusterSim.Experiments.Running;
using ScottPlot;
using BarSeries = ClusterSim.Experiments.Plots.BarSeries;

namespace ClusterSim.Experiments.Output;

/// <summary>
/// The figures of an experiment, each answering one question and comparing the variants in one figure:
/// CPU and memory in use over time, each role's allocated dominant share over time (a panel per variant),
/// fairness over time, the job completion time CDF of each framework, each framework's waits and completion
/// times with their intervals, services' request latency, instances and drops (when a service has requests), with
/// faults the capacity and the work lost over time,
/// and, when given, the paired differences from the baseline.
/// </summary>
public static class PlotSet
{
    /// <param name="completionTimes">Each framework's job completion times per variant (see <see cref="FrameworkCompletionTimes.Read"/>); none: no CDF figure.</param>
    /// <param name="differences">The rows of differences.csv; none: no differences figure.</param>
    public static IReadOnlyList<Figure> Build(string experiment, IReadOnlyList<VariantResults> variants,
        IReadOnlyList<FrameworkCompletionTimes> completionTimes, IReadOnlyList<PairedDifference>? differences = null)
    {
        var unit = TimeUnit.For(variants.SelectMany(v => v.Runs).Select(r => r.Samples.Count == 0 ? 0 : r.Samples[^1].TimeSeconds).DefaultIfEmpty(0).Max());
        var time = $"Simulated time ({unit.Name})";
        var percent = new Domain(0, 100);
        LineSeries[] Bands(Func<Sample, double> value, Domain domain) =>
            variants.Select(v => unit.Apply(SeedBand.Of(v.Name, v, value, domain))).ToArray();
        var figures = new List<Figure>
        {
            new("utilisation", "CPU and memory in use over time: mean over seeds with its 95% confidence band",
            [
                LinePanel.Draw($"{experiment}: CPU in use", time, "CPU allocated to tasks (%)", Bands(s => 100 * s.CpuUtilisation, percent), percent),
                LinePanel.Draw($"{experiment}: memory in use", time, "Memory allocated to tasks (%)", Bands(s => 100 * s.MemUtilisation, percent), percent),
            ]),
            Shares(experiment, variants, unit, time),
            new("fairness", "Jain's fairness index over the weighted dominant shares of the roles that want more, at each sample: mean over seeds with its 95% band",
                LinePanel.Draw($"{experiment}: fairness over time", time, "Jain's index, roles wanting more",
                    Bands(s => s.Fairness, Domain.Fraction), Domain.Fraction)),
        };
        if (CompletionTimeCdfs(experiment, variants, completionTimes) is { } cdf) figures.Add(cdf);
        if (FrameworkTimes(experiment, variants) is { } times) figures.Add(times);
        if (ServiceRequests(experiment, variants) is { } requests) figures.Add(requests);
        if (variants.Any(v => v.Spec.RecordsFaults))
            figures.Add(new("capacity", "Capacity (the cpus of the agents up) and the work faults threw away, over time: mean over seeds with its 95% confidence band",
            [
                LinePanel.Draw($"{experiment}: capacity", time, "CPUs of the agents up", Bands(s => s.CapacityCpus, Domain.NonNegative), Domain.NonNegative),
                LinePanel.Draw($"{experiment}: work lost to faults", time, "Work lost so far (cpu-hours)", Bands(s => s.WorkLostCpuSeconds / 3600, Domain.NonNegative), Domain.NonNegative),
            ]));
        if (variants.Any(v => v.Spec.OversubscriptionMetrics)) figures.Add(Oversubscription(experiment, variants));
        if (differences is { Count: > 0 }) figures.Add(DifferenceChart.Build("differences", differences));
        return figures;
    }

    /// <summary>A panel per variant, a line per role, on one y scale so the panels compare at a glance.</summary>
    private static Figure Shares(string experiment, IReadOnlyList<VariantResults> variants, TimeUnit unit, string time)
    {
        var panels = variants.Select(v =>
        {
            // A role's weighted share is its dominant share over its weight: at most 1 / weight.
            var roles = v.Runs[0].Roles.Select(role => (role, Domain: new Domain(0, 1 / (v.Spec.Roles.TryGetValue(role, out var spec) ? spec.Weight : 1)))).ToArray();
            return LinePanel.Draw($"{v.Name}: dominant share per role", time, "Dominant share / weight",
                roles.Select((r, i) => unit.Apply(SeedBand.Of(r.role, v, s => s.RoleShares[i], r.Domain))).ToArray(),
                new Domain(0, roles.Max(r => r.Domain.Max)));
        }).ToArray();
        SameY(panels);
        return new Figure("shares", $"{experiment}: each role's weighted dominant share of what its tasks use, mean over seeds with its 95% band, a panel per variant",
            panels, Columns(panels.Length));
    }

    /// <summary>A panel per framework that finished jobs, a line per variant, all seeds pooled.</summary>
    private static Figure? CompletionTimeCdfs(string experiment, IReadOnlyList<VariantResults> variants, IReadOnlyList<FrameworkCompletionTimes> times)
    {
        var frameworks = times.Where(t => t.Seconds.Count > 0).Select(t => t.Framework).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (frameworks.Length == 0) return null;
        var panels = frameworks.Select(f => CdfPanel.Draw($"{f}: job completion time", "Job completion time (s)", "Fraction of finished jobs",
            variants.Select(v => (v.Name, times.FirstOrDefault(t => t.Variant == v.Name && t.Framework == f)?.Seconds ?? [])).ToArray())).ToArray();
        return new Figure("jct-cdf", $"{experiment}: CDF of job completion times per framework, all seeds pooled", panels, Columns(panels.Length));
    }

    /// <summary>Waits and completion times, mean and 95th percentile, a group per framework and a bar per variant.</summary>
    private static Figure? FrameworkTimes(string experiment, IReadOnlyList<VariantResults> variants)
    {
        var names = variants[0].Runs[0].Summary.Breakdown.Select(b => b.Name).ToArray();
        var frameworks = names.Where(n => n.StartsWith("wait_mean_s:", StringComparison.Ordinal)).Select(n => n["wait_mean_s:".Length..]).ToArray();
        if (frameworks.Length == 0) return null;
        var panels = new (string Metric, string Title)[]
        {
            ("wait_mean_s", "Task wait (start - submit), mean"), ("wait_p95_s", "Task wait, 95th percentile"),
            ("jct_mean_s", "Job completion time, mean"), ("jct_p95_s", "Job completion time, 95th percentile"),
        }.Select(m =>
        {
            // A service framework has waits but no job completion times: it has no group in those panels.
            var rows = frameworks.Select(f => (Framework: f, Cells: variants.Select(v => Comparison(v, $"{m.Metric}:{f}")).ToArray()))
                .Where(r => r.Cells.Any(c => !double.IsNaN(c.Mean))).ToArray();
            var series = variants.Select((v, i) => new BarSeries(v.Name, rows.Select(r => r.Cells[i].Mean).ToArray(),
                rows.Select(r => r.Cells[i].CiLow).ToArray(), rows.Select(r => r.Cells[i].CiHigh).ToArray())).ToArray();
            return BarPanel.Draw(m.Title, "Seconds", rows.Select(r => r.Framework).ToArray(), series, Domain.NonNegative);
        }).ToArray();
        return new Figure("framework-times", $"{experiment}: per framework, mean over seeds with the 95% confidence interval of the mean (clipped at zero)", panels, 2);
    }

    /// <summary>Services with requests: latency (mean, p95, p99), serving instances and requests dropped, a
    /// group per service and a bar per variant; none when no service has requests.</summary>
    private static Figure? ServiceRequests(string experiment, IReadOnlyList<VariantResults> variants)
    {
        var names = variants[0].Runs[0].Summary.Breakdown.Select(b => b.Name).ToArray();
        var services = names.Where(n => n.StartsWith("latency_mean_s:", StringComparison.Ordinal)).Select(n => n["latency_mean_s:".Length..]).ToArray();
        if (services.Length == 0) return null;
        var panels = new (string Metric, string Title, string Unit)[]
        {
            ("latency_mean_s", "Request latency, mean", "Seconds"), ("latency_p95_s", "Request latency, 95th percentile", "Seconds"),
            ("latency_p99_s", "Request latency, 99th percentile", "Seconds"), ("instances_mean", "Serving instances, time-averaged", "Instances"),
            ("requests_dropped", "Requests dropped", "Requests"), ("scaling_actions", "Scaling actions", "Actions"),
        }.Select(m =>
        {
            var series = variants.Select(v =>
            {
                var cells = services.Select(f => Comparison(v, $"{m.Metric}:{f}")).ToArray();
                return new BarSeries(v.Name, cells.Select(c => c.Mean).ToArray(), cells.Select(c => c.CiLow).ToArray(), cells.Select(c => c.CiHigh).ToArray());
            }).ToArray();
            return BarPanel.Draw(m.Title, m.Unit, services, series, Domain.NonNegative);
        }).ToArray();
        return new Figure("service-requests", $"{experiment}: per service with requests, mean over seeds with the 95% confidence interval of the mean (clipped at zero)", panels, 2);
    }

    /// <summary>Oversubscription: the cluster's cpus actually used (by all tasks and by regular ones), revocable cpus
    /// held and used, evictions and the work they threw away; a bar per variant.</summary>
    private static Figure Oversubscription(string experiment, IReadOnlyList<VariantResults> variants)
    {
        Plot Bars(string title, string unit, (string Group, string Metric, double Scale)[] groups, Domain domain) =>
            BarPanel.Draw(title, unit, groups.Select(g => g.Group).ToArray(), variants.Select(v =>
            {
                var cells = groups.Select(g => (Cell: Comparison(v, g.Metric), g.Scale)).ToArray();
                return new BarSeries(v.Name, cells.Select(c => c.Cell.Mean * c.Scale).ToArray(), cells.Select(c => c.Cell.CiLow * c.Scale).ToArray(),
                    cells.Select(c => c.Cell.CiHigh * c.Scale).ToArray());
            }).ToArray(), domain);
        Plot[] panels =
        [
            Bars("CPU actually used", "Share of the cluster's CPUs (%)",
                [("all tasks", "usage_util_cpu_mean", 100), ("regular tasks", "regular_usage_util_cpu_mean", 100)], new Domain(0, 100)),
            Bars("Revocable CPUs, time-averaged", "CPUs", [("held", "revocable_alloc_cpu_mean", 1), ("used", "revocable_used_cpu_mean", 1)], Domain.NonNegative),
            Bars("Evictions (QoS corrections)", "Tasks evicted", [("evictions", "evictions", 1)], Domain.NonNegative),
            Bars("Work lost to eviction", "CPU-hours", [("work lost", "eviction_work_lost_cpu_s", 1.0 / 3600)], Domain.NonNegative),
        ];
        return new Figure("oversubscription", $"{experiment}: utilisation gained by revocable resources and the evictions paid for it, mean over seeds with the 95% confidence interval of the mean (clipped at zero)", panels, 2);
    }

    private static MetricComparison Comparison(VariantResults v, string metric) =>
        v.Comparisons().FirstOrDefault(c => c.Metric == metric) ?? MetricComparison.Of(v.Name, metric, []);

    private static int Columns(int panels) => panels <= 1 ? 1 : panels <= 4 ? 2 : 3;

    /// <summary>Gives every panel the y range that holds them all.</summary>
    private static void SameY(IReadOnlyList<Plot> panels)
    {
        var limits = panels.Select(p => p.Axes.GetLimits()).ToArray();
        double bottom = limits.Min(l => l.Bottom), top = limits.Max(l => l.Top);
        foreach (var p in panels) p.Axes.SetLimitsY(bottom, top);
    }
}
