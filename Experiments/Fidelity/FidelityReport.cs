using System.Globalization;
using System.Net;
using System.Text;
using ClusterSim.Experiments.Output;
using ClusterSim.Experiments.Plots;

namespace ClusterSim.Experiments.Fidelity;

/// <summary>
/// <c>clustersim compare</c>'s report: each metric of a live run next to its simulation with the difference
/// and the tolerance (see <see cref="FidelityTolerance"/>), written as compare.csv and compare.html, with
/// overlaid plots: utilisation and role shares over time, and the CDFs of task start delays and job
/// completion times.
/// </summary>
public sealed class FidelityReport
{
    private FidelityReport(RunOutputs simulated, RunOutputs live, FidelityTolerance tolerance, IReadOnlyList<FidelityMetric> metrics)
    {
        Simulated = simulated;
        Live = live;
        Tolerance = tolerance;
        Metrics = metrics;
    }

    public RunOutputs Simulated { get; }
    public RunOutputs Live { get; }
    public FidelityTolerance Tolerance { get; }
    public IReadOnlyList<FidelityMetric> Metrics { get; }
    public bool AllWithin => Metrics.All(m => m.Within);

    public static FidelityReport Build(RunOutputs simulated, RunOutputs live, double overheadWallSeconds)
    {
        var durations = simulated.TaskDurations();
        var tolerance = new FidelityTolerance(FidelityTolerance.Budget(overheadWallSeconds, live.ContainerStartMeanSeconds), live.TimeScale,
            durations.Length == 0 ? 0 : durations.Average());
        var metrics = new List<FidelityMetric>();
        void Add(string name, string label, double sim, double liveValue, (double Tolerance, string Why) allowed) =>
            metrics.Add(new FidelityMetric(name, label, sim, liveValue, allowed.Tolerance, allowed.Why));
        void Summary(string name, string label, Func<double, (double, string)> allowed)
        {
            double sim = simulated.Metric(name);
            Add(name, label, sim, live.Metric(name), allowed(sim));
        }
        Summary("tasks_completed", "Tasks completed", _ => FidelityTolerance.ForCount());
        Summary("jobs_completed", "Jobs completed", _ => FidelityTolerance.ForCount());
        Summary("cpu_util_mean", "CPU utilisation, time-weighted mean", tolerance.ForHeld);
        Summary("mem_util_mean", "Memory utilisation, time-weighted mean", tolerance.ForHeld);
        foreach (var role in simulated.Roles().Union(live.Roles()).Order(StringComparer.Ordinal))
        {
            double sim = simulated.MeanRoleShare(role);
            Add($"share_mean_{role}", $"Weighted dominant share of role {role}, mean", sim, live.MeanRoleShare(role), tolerance.ForHeld(sim));
        }
        Summary("jain_fairness", "Jain fairness over roles", _ => FidelityTolerance.ForFairness());
        Summary("wait_mean_s", "Task start delay (start - submit), mean, s", tolerance.ForTime);
        Summary("wait_p95_s", "Task start delay, 95th percentile, s", tolerance.ForTail);
        Summary("jct_mean_s", "Job completion time, mean, s", tolerance.ForTime);
        Summary("jct_p50_s", "Job completion time, median, s", tolerance.ForTime);
        Summary("jct_p95_s", "Job completion time, 95th percentile, s", tolerance.ForTail);
        Summary("makespan_s", "Makespan, s", tolerance.ForTime);
        return new FidelityReport(simulated, live, tolerance, metrics);
    }

    /// <summary>Writes compare.csv, the figures (PNG and SVG) and compare.html into <paramref name="directory"/>, replacing it whole.</summary>
    public void Write(string directory)
    {
        var full = Path.GetFullPath(directory);
        var partial = full + ".partial";
        if (System.IO.Directory.Exists(partial)) System.IO.Directory.Delete(partial, recursive: true);
        System.IO.Directory.CreateDirectory(partial);
        using (var table = new CsvTable(Path.Combine(partial, "compare.csv"), "metric", "simulated", "live", "difference", "relative_difference", "tolerance", "within"))
            foreach (var m in Metrics)
                table.Add(m.Name).Add(m.Simulated).Add(m.Live).Add(m.Difference).Add(m.RelativeDifference).Add(m.Tolerance).Add(m.Within ? "true" : "false").EndRow();
        var figures = Figures().Select(f => f.Render(Model.FigureSize.Default)).ToArray();
        foreach (var figure in figures) figure.Write(partial);
        File.WriteAllText(Path.Combine(partial, "compare.html"), Html(figures), new UTF8Encoding(false));
        if (System.IO.Directory.Exists(full)) System.IO.Directory.Delete(full, recursive: true);
        System.IO.Directory.Move(partial, full);
    }

    private IReadOnlyList<Figure> Figures()
    {
        static LineSeries Line(string name, IReadOnlyList<(double X, double Y)> points) =>
            new(name, points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), Step: true);
        var roles = Simulated.Roles().Union(Live.Roles()).Order(StringComparer.Ordinal).ToArray();
        var shown = Metrics.Where(m => m.Name.EndsWith("_s", StringComparison.Ordinal) && m.Name != "makespan_s").ToArray();
        return
        [
            new("compare-utilisation", "CPU in use over time", LinePanel.Draw("CPU in use: simulation and live", "Trace time (s)", "Fraction of CPU allocated to tasks",
                [Line("simulation", Simulated.CpuUtilisation()), Line("live", Live.CpuUtilisation())], Domain.Fraction)),
            new("compare-shares", "Weighted dominant shares over time", LinePanel.Draw("Weighted dominant share per role: simulation and live", "Trace time (s)", "Dominant share / weight",
                roles.SelectMany(r => new[] { Line($"{r} (simulation)", Simulated.RoleShare(r)), Line($"{r} (live)", Live.RoleShare(r)) }).ToArray(), Domain.NonNegative)),
            new("compare-start-delays", "Task start delays", CdfPanel.Draw("Task start delay (start - submit): simulation and live", "Start delay (s)", "Fraction of tasks",
                [("simulation", Simulated.StartDelays()), ("live", Live.StartDelays())])),
            new("compare-jct", "Job completion times", CdfPanel.Draw("Job completion time: simulation and live", "Job completion time (s)", "Fraction of finished jobs",
                [("simulation", Simulated.CompletionTimes()), ("live", Live.CompletionTimes())])),
            new("compare-times", "Start delays and completion times", BarPanel.Draw("Start delays and completion times: simulation and live", "Seconds",
                shown.Select(m => m.Name).ToArray(),
                [new BarSeries("simulation", shown.Select(m => m.Simulated).ToArray()), new BarSeries("live", shown.Select(m => m.Live).ToArray())], Domain.NonNegative)),
        ];
    }

    private string Html(IReadOnlyList<RenderedFigure> figures)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        static string F(double v) => double.IsNaN(v) ? "-" : v.ToString("0.####", CultureInfo.InvariantCulture);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Fidelity: simulation vs live</title>\n<style>\n")
            .Append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}")
            .Append("table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}")
            .Append("th:first-child,td:first-child{text-align:left}th{background:#f3f3f3}.pass{color:#1a7f37}.fail{color:#b3261e}")
            .Append("svg{max-width:100%;height:auto}figure{margin:1.5em 0}\n</style>\n</head>\n<body>\n")
            .Append("<h1>Fidelity: simulation vs live</h1>\n<p>Simulation: <code>").Append(E(Simulated.Directory)).Append("</code> (")
            .Append(E(Simulated.Mode)).Append(", variant ").Append(E(Simulated.Variant)).Append(", seed ").Append(Simulated.Seed)
            .Append(").<br>Live: <code>").Append(E(Live.Directory)).Append("</code> (").Append(E(Live.Mode)).Append(", time scale x")
            .Append(F(Live.TimeScale)).Append(", seed ").Append(Live.Seed).Append(").</p>\n")
            .Append("<p>Times are in trace seconds. The live run's agents measured a mean of ").Append(F(Live.ContainerStartMeanSeconds))
            .Append(" s of wall time from a launch request to the container's start. The tolerances allow a per-task overhead of ").Append(F(Tolerance.OverheadWallSeconds))
            .Append(" s of wall time (the larger of the budget asked for and 1 s plus that measured start time; ")
            .Append(F(Tolerance.OverheadTraceSeconds)).Append(" s of trace time at this scale) for launching a container and reporting its end (twice that for 95th percentiles), ")
            .Append("plus 25% of the simulated value; what is held (utilisation, shares) 0.05 plus 25% plus the overhead over the mean simulated task duration (")
            .Append(F(Tolerance.MeanTaskSeconds)).Append(" s), as a fraction of the simulated value; fairness 0.1; counts must match.</p>\n")
            .Append("<p><b class=\"").Append(AllWithin ? "pass\">All metrics within tolerance" : "fail\">Some metrics outside tolerance").Append("</b></p>\n")
            .Append("<table>\n<tr><th>metric</th><th>simulated</th><th>live</th><th>difference</th><th>relative</th><th>tolerance</th><th>why</th><th>within</th></tr>\n");
        foreach (var m in Metrics)
            html.Append("<tr><td>").Append(E(m.Label)).Append("</td><td>").Append(F(m.Simulated)).Append("</td><td>").Append(F(m.Live))
                .Append("</td><td>").Append(F(m.Difference)).Append("</td><td>").Append(double.IsNaN(m.RelativeDifference) ? "-" : (m.RelativeDifference * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %")
                .Append("</td><td>").Append(F(m.Tolerance)).Append("</td><td>").Append(E(m.Why)).Append("</td><td class=\"")
                .Append(m.Within ? "pass\">yes" : "fail\">no").Append("</td></tr>\n");
        html.Append("</table>\n");
        foreach (var f in figures)
            html.Append("<figure>").Append(f.Svg[(f.Svg.IndexOf("?>", StringComparison.Ordinal) + 2)..].Trim()).Append("<figcaption>").Append(E(f.Caption))
                .Append(" (").Append(E(f.PngFile)).Append(", ").Append(E(f.SvgFile)).Append(")</figcaption></figure>\n");
        return html.Append("</body>\n</html>\n").ToString();
    }
}
