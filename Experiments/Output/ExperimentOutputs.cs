using System.Globalization;
using System.Text;
using System.Text.Json;
using ClusterSim.Experiments.Model;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Output;

/// <summary>
/// The outputs an experiment's runs come to together: summary.csv, comparison.csv, differences.csv (against the
/// baseline variant), checks.csv, the figures, report.html and run.json. One step for a whole run
/// (<see cref="ExperimentRunner"/>) and for shards merged (<c>clustersim merge</c>), so that both give the same
/// bytes from the same per-run results. The runs' own folders (runs/VARIANT/seed-N/) must already be under the
/// folder written to: the completion time CDFs are read from their jobs.csv.
/// </summary>
public sealed class ExperimentOutputs
{
    private readonly ExperimentFile _file;
    private readonly string _mode;
    private readonly int? _jobs;

    /// <param name="mode">"simulation" or "live", as run.json and the report say.</param>
    /// <param name="jobs">How many runs ran in parallel, for run.json; null when that is no one number (merged shards).</param>
    public ExperimentOutputs(ExperimentFile file, string mode, int? jobs)
    {
        _file = file;
        _mode = mode;
        _jobs = jobs;
    }

    /// <param name="variants">Every variant that ran, in file order, each with its runs in seed order.</param>
    /// <param name="runDetails">Writes what only this kind of run records into run.json (after "mode"): a live
    /// run's time scale, the shards merged.</param>
    public void Write(string dir, IReadOnlyList<VariantResults> variants, double wallSeconds, Action<Utf8JsonWriter>? runDetails = null)
    {
        using (var summary = new CsvTable(Path.Combine(dir, "summary.csv"),
                   ["variant", "seed", "policy", .. variants[0].Runs[0].Summary.Metrics().Select(m => m.Name)]))
        {
            foreach (var v in variants)
                foreach (var r in v.Runs)
                {
                    summary.Add(r.Summary.Variant).Add(r.Summary.Seed).Add(r.Summary.Policy);
                    foreach (var (_, value) in r.Summary.Metrics()) summary.Add(value);
                    summary.EndRow();
                }
        }
        using (var comparison = new CsvTable(Path.Combine(dir, "comparison.csv"),
                   "variant", "metric", "n", "mean", "sd", "ci95_low", "ci95_high"))
        {
            foreach (var v in variants)
                foreach (var c in v.Comparisons())
                    comparison.Add(c.Variant).Add(c.Metric).Add(c.N).Add(c.Mean).Add(c.StdDev).Add(c.CiLow).Add(c.CiHigh).EndRow();
        }
        var differences = Differences(variants);
        if (differences.Count > 0)
        {
            using var table = new CsvTable(Path.Combine(dir, "differences.csv"),
                "metric", "variant", "baseline", "mean_difference", "ci95_low", "ci95_high", "p_t", "p_wilcoxon", "runs");
            foreach (var d in differences)
                table.Add(d.Metric).Add(d.Variant).Add(d.Baseline).Add(d.MeanDifference).Add(d.CiLow).Add(d.CiHigh)
                    .Add(PValue(d.PT)).Add(PValue(d.PWilcoxon)).Add(d.Runs).EndRow();
        }
        var checks = variants.SelectMany(QueueingCheck.All).ToArray();
        var latencyChecks = variants.Select(ServiceLatencyCheck.Evaluate).Where(c => c != null).Select(c => c!).ToArray();
        if (checks.Length > 0 || latencyChecks.Length > 0)
        {
            using var table = new CsvTable(Path.Combine(dir, "checks.csv"),
                "variant", "check", "servers", "arrival_rate", "mean_service_s", "analytic_wait_s", "simulated_wait_s", "ci95_low", "ci95_high", "allowance_s", "passed");
            foreach (var c in checks)
                table.Add(c.Variant).Add(c.Model).Add(c.Servers).Add(c.ArrivalRate).Add(c.MeanService).Add(c.Analytic)
                    .Add(c.Simulated.Mean).Add(c.Simulated.CiLow).Add(c.Simulated.CiHigh).Add(c.Allowance).Add(c.Passed ? "true" : "false").EndRow();
            // The M/M/1 check's "wait" columns hold the mean latency (sojourn time: queueing plus service).
            foreach (var c in latencyChecks)
                table.Add(c.Variant).Add("m-m-1-latency").Add(c.Instances).Add(c.ArrivalRate).Add(c.MeanService).Add(c.Analytic)
                    .Add(c.Simulated.Mean).Add(c.Simulated.CiLow).Add(c.Simulated.CiHigh).Add(c.Allowance).Add(c.Passed ? "true" : "false").EndRow();
        }
        var figures = PlotSet.Build(_file.Name, variants, FrameworkCompletionTimes.Read(dir, variants), differences)
            .Select(f => f.Render(_file.Figures)).ToArray();
        foreach (var figure in figures) figure.Write(dir);
        File.WriteAllText(Path.Combine(dir, "report.html"), ReportWriter.Render(_file.Name, _mode, variants, checks, figures, differences), new UTF8Encoding(false));
        WriteRunJson(Path.Combine(dir, "run.json"), variants, wallSeconds, runDetails);
    }

    /// <summary>Every variant against the file's baseline, seed by seed; nothing when fewer than two variants
    /// ran (a live run, or --variant) or the baseline is not among them.</summary>
    private IReadOnlyList<PairedDifference> Differences(IReadOnlyList<VariantResults> variants) =>
        variants.Count < 2 || variants.All(v => v.Name != _file.Baseline) ? [] : PairedDifference.All(variants, _file.Baseline);

    /// <summary>p-values keep four significant digits: six decimals would round a small one to 0.</summary>
    private static string PValue(double p) => double.IsNaN(p) ? "" : p.ToString("G4", CultureInfo.InvariantCulture);

    private void WriteRunJson(string path, IReadOnlyList<VariantResults> variants, double wallSeconds, Action<Utf8JsonWriter>? runDetails)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("experiment", _file.Name);
        json.WriteString("file", _file.Path);
        json.WriteString("mode", _mode);
        runDetails?.Invoke(json);
        json.WriteString("version", ExperimentRunner.Version);
        if (_jobs is { } jobs) json.WriteNumber("jobs", jobs);
        RunProvenance.Collect(variants.Select(v => v.Spec)).Write(json);
        json.WriteNumber("wall_seconds", Math.Round(wallSeconds, 3));
        json.WriteStartArray("warnings");
        foreach (var warning in variants.SelectMany(v => v.Spec.Warnings).Distinct(StringComparer.Ordinal)) json.WriteStringValue(warning);
        json.WriteEndArray();
        json.WriteStartArray("variants");
        foreach (var v in variants)
        {
            json.WriteStartObject();
            json.WriteString("name", v.Name);
            json.WriteString("policy", v.Spec.Policy.Name);
            json.WriteStartArray("seeds");
            foreach (var s in v.Spec.Seeds) json.WriteNumberValue(s);
            json.WriteEndArray();
            json.WriteString("resolved_config", v.Spec.ResolvedYaml);
            json.WriteStartArray("runs");
            foreach (var r in v.Runs)
            {
                json.WriteStartObject();
                json.WriteNumber("seed", r.Summary.Seed);
                json.WriteString("event_digest_sha256", r.Digest);
                json.WriteNumber("events", r.Events);
                json.WriteNumber("simulated_seconds", r.SimulatedSeconds);
                json.WriteNumber("wall_seconds", Math.Round(r.WallSeconds, 3));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
