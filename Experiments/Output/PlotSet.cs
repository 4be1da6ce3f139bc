using ClusterSim.Experiments.Plots;

namespace ClusterSim.Experiments.Output;

/// <summary>The plots of an experiment: utilisation over time, dominant shares per role over time, the CDF
/// of job completion times, and the key metrics with their confidence intervals. File name to SVG text.</summary>
public static class PlotSet
{
    public static IReadOnlyList<(string File, string Title, string Svg)> Build(string experiment, IReadOnlyList<VariantResults> variants)
    {
        var plots = new List<(string, string, string)>();

        var utilisation = new LineChart
        {
            Title = $"{experiment}: CPU in use (mean over seeds)",
            XAxis = Axis.Time(),
            YAxis = Axis.Percent("CPU allocated to tasks"),
            Series = variants.Select(v => new Series(v.Name, MeanOverSeeds(v, s => 100 * s.CpuUtilisation), Step: true)).ToArray(),
        };
        plots.Add(("utilisation.svg", "CPU utilisation over time", utilisation.ToSvg()));

        foreach (var v in variants)
        {
            var roles = v.Runs[0].Roles;
            var chart = new LineChart
            {
                Title = $"{v.Name}: weighted dominant share per role (mean over seeds)",
                XAxis = Axis.Time(),
                YAxis = Axis.Fraction("Dominant share / weight"),
                Series = roles.Select((role, i) => new Series(role, MeanOverSeeds(v, s => s.RoleShares[i]), Step: true)).ToArray(),
            };
            plots.Add(($"shares-{v.Name}.svg", $"Dominant shares, {v.Name}", chart.ToSvg()));
        }

        var jct = variants.Select(v => (v.Name, (IReadOnlyList<double>)v.Runs.SelectMany(r => r.CompletionTimes).Where(x => x > 0).ToArray())).ToArray();
        if (jct.Any(j => j.Item2.Count > 0))
        {
            var cdf = CdfChart.FromSamples($"{experiment}: job completion time (all seeds)", Axis.Log("Job completion time", "s"), jct);
            plots.Add(("jct-cdf.svg", "Job completion time CDF", cdf.ToSvg()));
        }

        plots.Add(("metrics.svg", "Utilisation and fairness", Bars($"{experiment}: utilisation and fairness (95% CI)", variants,
            [("cpu_util_mean", "CPU util."), ("mem_util_mean", "Mem util."), ("jain_fairness", "Jain fairness"), ("service_util_mean", "Service util.")],
            Axis.Fraction("Mean over seeds"))));
        plots.Add(("times.svg", "Completion and waiting times", Bars($"{experiment}: completion and waiting times (95% CI)", variants,
            [("jct_mean_s", "JCT mean"), ("jct_p95_s", "JCT p95"), ("wait_mean_s", "Wait mean"), ("wait_p95_s", "Wait p95")],
            new Axis("Seconds", "s"))));
        return plots;
    }

    private static string Bars(string title, IReadOnlyList<VariantResults> variants, (string Metric, string Label)[] metrics, Axis axis)
    {
        var present = metrics.Where(m => variants.Any(v => !double.IsNaN(v.Comparison(m.Metric).Mean))).ToArray();
        var chart = new BarChart
        {
            Title = title,
            Groups = present.Select(m => m.Label).ToArray(),
            SeriesNames = variants.Select(v => v.Name).ToArray(),
            Values = present.Select(m => (IReadOnlyList<double>)variants.Select(v => v.Comparison(m.Metric).Mean).ToArray()).ToArray(),
            CiLow = present.Select(m => (IReadOnlyList<double>)variants.Select(v => v.Comparison(m.Metric).CiLow).ToArray()).ToArray(),
            CiHigh = present.Select(m => (IReadOnlyList<double>)variants.Select(v => v.Comparison(m.Metric).CiHigh).ToArray()).ToArray(),
            YAxis = axis,
        };
        return chart.ToSvg();
    }

    /// <summary>The mean over seeds at each sample instant (runs that ended early drop out of later points).</summary>
    private static IReadOnlyList<(double X, double Y)> MeanOverSeeds(VariantResults v, Func<Running.Sample, double> value)
    {
        int longest = v.Runs.Max(r => r.Samples.Count);
        var points = new List<(double, double)>(longest);
        for (int i = 0; i < longest; i++)
        {
            double sum = 0, t = 0;
            int n = 0;
            foreach (var run in v.Runs)
            {
                if (i >= run.Samples.Count) continue;
                sum += value(run.Samples[i]);
                t = Math.Max(t, run.Samples[i].TimeSeconds);
                n++;
            }
            points.Add((t, sum / n));
        }
        return points;
    }
}
