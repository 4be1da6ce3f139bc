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

    /// <summary>Writes compare.csv, the plots and compare.html into <paramref name="directory"/>, replacing it whole.</summary>
    public void Write(string directory)
    {
        var full = Path.GetFullPath(directory);
        var partial = full + ".partial";
        if (System.IO.Directory.Exists(partial)) System.IO.Directory.Delete(partial, recursive: true);
        System.IO.Directory.CreateDirectory(partial);
        using (var table = new CsvTable(Path.Combine(partial, "compare.csv"), "metric", "simulated", "live", "difference", "relative_difference", "tolerance", "within"))
            foreach (var m in Metrics)
                table.Add(m.Name).Add(m.Simulated).Add(m.Live).Add(m.Difference).Add(m.RelativeDifference).Add(m.Tolerance).Add(m.Within ? "true" : "false").EndRow();
        var plots = Plots();
        foreach (var (file, _, svg) in plots) File.WriteAllText(Path.Combine(partial, file), svg, new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(partial, "compare.html"), Html(plots), new UTF8Encoding(false));
        if (System.IO.Directory.Exists(full)) System.IO.Directory.Delete(full, recursive: true);
        System.IO.Directory.Move(partial, full);
    }

    private IReadOnlyList<(string File, string Title, string Svg)> Plots()
    {
        var plots = new List<(string, string, string)>();
        plots.Add(("compare-utilisation.svg", "CPU in use over time", new LineChart
        {
            Title = "CPU in use: simulation and live",
            XAxis = Axis.Time("Trace time"),
            YAxis = Axis.Fraction("CPU allocated to tasks"),
            Series = [new Series("simulation", Simulated.CpuUtilisation(), Step: true), new Series("live", Live.CpuUtilisation(), Step: true)],
        }.ToSvg()));
        var roles = Simulated.Roles().Union(Live.Roles()).Order(StringComparer.Ordinal).ToArray();
        plots.Add(("compare-shares.svg", "Weighted dominant shares over time", new LineChart
        {
            Title = "Weighted dominant share per role: simulation and live",
            XAxis = Axis.Time("Trace time"),
            YAxis = Axis.Fraction("Dominant share / weight"),
            Series = roles.SelectMany(r => new[] { new Series($"{r} (simulation)", Simulated.RoleShare(r), Step: true), new Series($"{r} (live)", Live.RoleShare(r), Step: true) }).ToArray(),
        }.ToSvg()));
        plots.Add(("compare-start-delays.svg", "Task start delays", CdfChart.FromSamples("Task start delay (start - submit): simulation and live",
            new Axis("Start delay", "s") { Min = 0 }, [("simulation", Simulated.StartDelays()), ("live", Live.StartDelays())], "Fraction of tasks").ToSvg()));
        plots.Add(("compare-jct.svg", "Job completion times", CdfChart.FromSamples("Job completion time: simulation and live",
            new Axis("Job completion time", "s") { Min = 0 }, [("simulation", Simulated.CompletionTimes()), ("live", Live.CompletionTimes())]).ToSvg()));
        var shown = Metrics.Where(m => m.Name.EndsWith("_s", StringComparison.Ordinal) && m.Name != "makespan_s").ToArray();
        plots.Add(("compare-times.svg", "Start delays and completion times", new BarChart
        {
            Title = "Start delays and completion times: simulation and live",
            Groups = shown.Select(m => m.Name).ToArray(),
            SeriesNames = ["simulation", "live"],
            Values = shown.Select(m => (IReadOnlyList<double>)[m.Simulated, m.Live]).ToArray(),
            YAxis = new Axis("Seconds", "s"),
        }.ToSvg()));
        return plots;
    }

    private string Html(IReadOnlyList<(string File, string Title, string Svg)> plots)
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
        foreach (var (_, title, svg) in plots) html.Append("<figure>").Append(svg).Append("<figcaption>").Append(E(title)).Append("</figcaption></figure>\n");
        return html.Append("</body>\n</html>\n").ToString();
    }
}
