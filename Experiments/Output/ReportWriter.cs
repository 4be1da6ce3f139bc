using System.Globalization;
using System.Net;
using System.Text;

namespace ClusterSim.Experiments.Output;

/// <summary>
/// report.html: one self-contained page a person opens in a browser: the experiment, what each variant
/// changes, the comparison table with confidence intervals, the queueing check when asked for, and the figures
/// inline (their SVG). It holds nothing that changes between identical runs (no wall times), so it is byte-identical.
/// </summary>
public static class ReportWriter
{
    /// <summary>The metrics the comparison table shows, with a label and how to print them.</summary>
    private static readonly (string Metric, string Label, string Unit)[] Shown =
    [
        ("cpu_util_mean", "CPU utilisation (time-weighted mean)", "%"),
        ("mem_util_mean", "Memory utilisation (time-weighted mean)", "%"),
        ("jain_fairness", "Jain fairness among roles wanting more (weighted shares)", ""),
        ("jain_mean_shares", "Jain fairness over all roles' mean weighted shares", ""),
        ("jct_mean_s", "Job completion time, mean", "s"),
        ("jct_p50_s", "Job completion time, median", "s"),
        ("jct_p95_s", "Job completion time, 95th percentile", "s"),
        ("wait_mean_s", "Task wait (start - submit), mean", "s"),
        ("wait_p95_s", "Task wait, 95th percentile", "s"),
        ("jobs_completed", "Jobs completed", ""),
        ("tasks_completed", "Tasks completed", ""),
        ("tasks_lost", "Tasks lost", ""),
        ("agents_failed", "Agents failed (faults)", ""),
        ("work_lost_cpu_s", "Work lost to faults", "cpu-s"),
        ("goodput", "Goodput (useful / all cpu-seconds run)", "%"),
        ("makespan_s", "Makespan (last batch or gang job's end)", "s"),
        ("tasks_never_started", "Tasks never started (waits censored at the run's end)", ""),
        ("service_util_mean", "Service instance utilisation, mean", "%"),
        ("unserved_load_mean", "Unserved service load, mean", "instances"),
        ("offers_sent", "Offers sent", ""),
        ("offers_declined", "Offers declined", ""),
        ("offers_rescinded", "Offers rescinded", ""),
    ];

    public static string Render(string experiment, string mode, IReadOnlyList<VariantResults> variants,
        IReadOnlyList<QueueingCheck> checks, IReadOnlyList<Plots.RenderedFigure> figures,
        IReadOnlyList<PairedDifference>? differences = null)
    {
        var html = new StringBuilder();
        var first = variants[0].Spec;
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E(experiment)).Append(" - ClusterSim report</title>\n<style>\n")
            .Append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}")
            .Append("table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}")
            .Append("th:first-child,td:first-child{text-align:left}th{background:#f3f3f3}")
            .Append("pre{background:#f7f7f7;padding:6px;margin:0;text-align:left;font-size:12px}")
            .Append(".best{font-weight:bold}.pass{color:#1a7f37}.fail{color:#b3261e}figure{margin:1.5em 0}")
            .Append("figcaption{font-size:13px;color:#555}svg{max-width:100%;height:auto}\n</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(E(experiment)).Append("</h1>\n<p>Mode: <b>").Append(E(mode)).Append("</b>. ")
            .Append(variants.Count).Append(" variant(s), seeds ").Append(E(string.Join(", ", first.Seeds)))
            .Append(", horizon ").Append(E(first.Horizon.ToString())).Append(", sampled every ").Append(E(first.Sample.ToString()))
            .Append(". Cluster: ").Append(E(DescribeCluster(first))).Append(". Frameworks: ")
            .Append(E(string.Join("; ", first.Frameworks.Select(f => $"{f.Settings.Name} ({f.Kind.ToString().ToLowerInvariant()}, role{(f.Settings.Roles.Count > 1 ? "s" : "")} {string.Join(", ", f.Settings.Roles)})"))))
            .Append(".</p>\n");

        html.Append("<h2>Variants</h2>\n<table>\n<tr><th>variant</th><th>policy</th><th>role weights</th><th>overrides</th></tr>\n");
        foreach (var v in variants)
        {
            var weights = string.Join(", ", v.Spec.Roles.Select(r => $"{r.Key}: {F(r.Value.Weight)}"));
            html.Append("<tr><td>").Append(E(v.Name)).Append("</td><td>").Append(E(v.Spec.Policy.Name)).Append("</td><td>")
                .Append(E(weights.Length == 0 ? "all 1" : weights)).Append("</td><td><pre>")
                .Append(E(v.Spec.Overrides.Length == 0 ? "(the base file)" : v.Spec.Overrides)).Append("</pre></td></tr>\n");
        }
        html.Append("</table>\n");

        html.Append("<h2>Comparison</h2>\n<p>Mean over seeds with the 95% confidence interval of the mean (Student's t).</p>\n<table>\n<tr><th>metric</th>");
        foreach (var v in variants) html.Append("<th>").Append(E(v.Name)).Append("</th>");
        html.Append("</tr>\n");
        // The fault metrics exist only in experiments that record faults.
        var present = variants[0].Runs[0].Summary.Metrics().Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (metric, label, unit) in Shown.Where(s => present.Contains(s.Metric)))
        {
            var row = variants.Select(v => v.Comparison(metric)).ToArray();
            if (row.All(c => double.IsNaN(c.Mean))) continue;
            html.Append("<tr><td>").Append(E(label)).Append(unit.Length > 0 ? $" ({E(unit)})" : "").Append("</td>");
            AppendCells(html, row, unit == "%" ? 100 : 1);
            html.Append("</tr>\n");
        }
        html.Append("</table>\n");

        var breakdown = variants[0].Runs[0].Summary.Breakdown.Select(b => b.Name).ToArray();
        if (breakdown.Length > 0)
        {
            html.Append("<h3>Per role and framework</h3>\n<p>Per role, the mean over the measurement window's samples of its dominant share of what its tasks use, divided by its weight (share_mean) and not (dominant_share_mean); per framework, task waits (tasks never started counted with their wait up to the run's end), tasks never started and job completion times.</p>\n<table>\n<tr><th>metric</th>");
            foreach (var v in variants) html.Append("<th>").Append(E(v.Name)).Append("</th>");
            html.Append("</tr>\n");
            foreach (var name in breakdown)
            {
                var row = variants.Select(v => v.Comparison(name)).ToArray();
                if (row.All(c => double.IsNaN(c.Mean))) continue;
                html.Append("<tr><td>").Append(E(name)).Append("</td>");
                AppendCells(html, row, 1);
                html.Append("</tr>\n");
            }
            html.Append("</table>\n");
        }

        DifferenceTable.Append(html, differences ?? [], [
            .. Shown.Select(s => (s.Metric, s.Unit switch { "" => s.Label, "%" => $"{s.Label} (percentage points)", _ => $"{s.Label} ({s.Unit})" },
                s.Unit == "%" ? 100.0 : 1.0)),
            .. breakdown.Select(b => (b, b, 1.0))]);

        var mdOne = checks.Where(c => c.Model == "m-d-1").ToArray();
        checks = checks.Where(c => c.Model != "m-d-1").ToArray();
        if (mdOne.Length > 0)
        {
            html.Append("<h2>Check against queueing theory (monolithic scheduler as M/D/1, Pollaczek-Khinchine)</h2>\n<table>\n<tr><th>variant</th><th>arrival rate (1/s)</th>")
                .Append("<th>decision time D (s)</th><th>utilisation</th><th>analytic mean submission to placement (s)</th><th>simulated (s, 95% CI)</th><th>allowance (s)</th><th>result</th></tr>\n");
            foreach (var c in mdOne)
                html.Append("<tr><td>").Append(E(c.Variant)).Append("</td><td>").Append(F(c.ArrivalRate))
                    .Append("</td><td>").Append(F(c.MeanService)).Append("</td><td>").Append(F(c.Utilisation)).Append("</td><td>")
                    .Append(F(c.Analytic)).Append("</td><td>").Append(F(c.Simulated.Mean)).Append(" [").Append(F(c.Simulated.CiLow))
                    .Append(", ").Append(F(c.Simulated.CiHigh)).Append("]</td><td>").Append(F(c.Allowance)).Append("</td><td class=\"")
                    .Append(c.Passed ? "pass\">pass" : "fail\">FAIL").Append("</td></tr>\n");
            html.Append("</table>\n<p>Analytic: W_q + D with W_q = &lambda;D&sup2; / (2(1 &minus; &rho;)), &rho; = &lambda;D.</p>\n");
        }
        if (checks.Count > 0)
        {
            html.Append("<h2>Check against queueing theory (M/M/c, Erlang C)</h2>\n<table>\n<tr><th>variant</th><th>servers c</th><th>arrival rate (1/s)</th>")
                .Append("<th>mean service (s)</th><th>utilisation</th><th>analytic mean wait (s)</th><th>simulated mean wait (s, 95% CI)</th><th>allowance (s)</th><th>result</th></tr>\n");
            foreach (var c in checks)
            {
                html.Append("<tr><td>").Append(E(c.Variant)).Append("</td><td>").Append(c.Servers).Append("</td><td>").Append(F(c.ArrivalRate))
                    .Append("</td><td>").Append(F(c.MeanService)).Append("</td><td>").Append(F(c.Utilisation)).Append("</td><td>")
                    .Append(F(c.Analytic)).Append("</td><td>").Append(F(c.Simulated.Mean)).Append(" [").Append(F(c.Simulated.CiLow))
                    .Append(", ").Append(F(c.Simulated.CiHigh)).Append("]</td><td>").Append(F(c.Allowance)).Append("</td><td class=\"")
                    .Append(c.Passed ? "pass\">pass" : "fail\">FAIL").Append("</td></tr>\n");
            }
            html.Append("</table>\n<p>The allowance covers allocation latency: resources freed by a finished task are offered at the next allocation run, up to one interval later.</p>\n");
        }

        var latencyChecks = variants.Select(ServiceLatencyCheck.Evaluate).Where(c => c != null).Select(c => c!).ToArray();
        if (latencyChecks.Length > 0)
        {
            html.Append("<h2>Check against queueing theory (M/M/1 per instance)</h2>\n<table>\n<tr><th>variant</th><th>instances n</th><th>request rate &lambda; (1/s)</th>")
                .Append("<th>mean service 1/&mu; (s)</th><th>utilisation</th><th>analytic mean latency 1/(&mu; - &lambda;/n) (s)</th><th>simulated mean latency (s, 95% CI)</th><th>allowance (s)</th><th>result</th></tr>\n");
            foreach (var c in latencyChecks)
            {
                html.Append("<tr><td>").Append(E(c.Variant)).Append("</td><td>").Append(c.Instances).Append("</td><td>").Append(F(c.ArrivalRate))
                    .Append("</td><td>").Append(F(c.MeanService)).Append("</td><td>").Append(F(c.Utilisation)).Append("</td><td>")
                    .Append(F(c.Analytic)).Append("</td><td>").Append(F(c.Simulated.Mean)).Append(" [").Append(F(c.Simulated.CiLow))
                    .Append(", ").Append(F(c.Simulated.CiHigh)).Append("]</td><td>").Append(F(c.Allowance)).Append("</td><td class=\"")
                    .Append(c.Passed ? "pass\">pass" : "fail\">FAIL").Append("</td></tr>\n");
            }
            html.Append("</table>\n<p>Random routing splits the Poisson requests into n Poisson streams, so each instance is an M/M/1 queue; latency is queueing plus service, over the requests that arrived in the measurement window.</p>\n");
        }

        html.Append("<h2>Figures</h2>\n");
        foreach (var figure in figures)
        {
            // Inline SVG: the page stays one self-contained file; each figure's ids carry its own prefix.
            var svg = figure.Svg;
            var body = svg.StartsWith("<?xml", StringComparison.Ordinal) ? svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..] : svg;
            html.Append("<figure>\n").Append(body.Trim()).Append("\n<figcaption>").Append(E(figure.Caption)).Append(" (")
                .Append(E(figure.PngFile)).Append(", ").Append(E(figure.SvgFile)).Append(")</figcaption>\n</figure>\n");
        }

        html.Append("<h2>Runs</h2>\n<table>\n<tr><th>variant</th><th>seed</th><th>events</th><th>simulated (s)</th><th>event digest (SHA-256)</th></tr>\n");
        foreach (var v in variants)
            foreach (var r in v.Runs)
                html.Append("<tr><td>").Append(E(v.Name)).Append("</td><td>").Append(r.Summary.Seed).Append("</td><td>").Append(r.Events)
                    .Append("</td><td>").Append(F(r.SimulatedSeconds)).Append("</td><td><code>").Append(r.Digest[..16]).Append("&hellip;</code></td></tr>\n");
        html.Append("</table>\n<p>Per-run CSV files are under <code>runs/&lt;variant&gt;/seed-&lt;n&gt;/</code>; the resolved configuration is in <code>run.json</code>.</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>One cell per variant: the mean and, with more than one seed, the half-width of its 95% CI.</summary>
    private static void AppendCells(StringBuilder html, IEnumerable<MetricComparison> row, double scale)
    {
        foreach (var c in row)
        {
            html.Append("<td>").Append(E(F(c.Mean * scale)));
            if (!double.IsNaN(c.HalfWidth)) html.Append(" &plusmn; ").Append(E(F(c.HalfWidth * scale)));
            html.Append("</td>");
        }
    }

    private static string DescribeCluster(Model.ExperimentSpec spec)
    {
        var parts = spec.Cluster.Groups.Select(g => $"{g.Count} x {g.Resources}").ToList();
        if (spec.Cluster.FromTrace is { } t) parts.Add($"machines from {Workloads.Traces.TraceFormats.Name(t.Format)} trace {t.Path}");
        return string.Join(" + ", parts);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string F(double value) =>
        double.IsNaN(value) ? "-" : Math.Abs(value) >= 1000 ? value.ToString("#,0", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);
}
