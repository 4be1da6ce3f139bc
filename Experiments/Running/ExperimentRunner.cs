using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using ClusterSim.Experiments.Fidelity;
using ClusterSim.Experiments.Model;
using ClusterSim.Experiments.Output;

namespace ClusterSim.Experiments.Running;

/// <summary>
/// Runs every variant of an experiment over its seeds, in parallel up to a job count (each run stays
/// single-threaded and deterministic, so outputs do not depend on the job count), then writes summary.csv,
/// comparison.csv, differences.csv (against the baseline variant), the plots, report.html and run.json.
/// Everything is written under a temporary folder that replaces the output folder only when complete: an
/// interrupted run never leaves a finished-looking report.
/// </summary>
public sealed class ExperimentRunner
{
    private readonly ExperimentFile _file;
    private readonly IReadOnlyList<ExperimentSpec> _variants;
    private readonly int _jobs;
    private readonly LiveOptions? _live;
    private double _containerStartMean = double.NaN;

    /// <summary>
    /// <paramref name="live"/> null: simulate. Otherwise run live: one variant (the file's only one, or the
    /// one named) with its first seed, on the agent daemons that register with the master.
    /// </summary>
    public ExperimentRunner(ExperimentFile file, string? variant, int jobs, LiveOptions? live = null)
    {
        _file = file;
        _variants = variant == null ? file.Variants : file.Variants.Where(v => v.Variant == variant).ToArray();
        if (_variants.Count == 0)
            throw new ArgumentException($"no variant named '{variant}' in {file.Path}; the variants are: {string.Join(", ", file.Variants.Select(v => v.Variant))}");
        _jobs = live == null ? Math.Max(1, jobs) : 1;
        _live = live;
        if (live != null)
        {
            if (_variants.Count > 1)
                throw new ArgumentException($"a live run runs one variant; {file.Path} has {_variants.Count} ({string.Join(", ", _variants.Select(v => v.Variant))}): pick one with --variant");
            if (_variants[0].Live == null)
                throw new ArgumentException($"{file.Path} has no live: section; add one (agents: {{ expect: N }}, timeScale, master: {{ listen: URL }}) to run it live");
            // Wall time is the cost of a live run: one seed, the first.
            _variants = [_variants[0] with { Seeds = [_variants[0].Seeds[0]] }];
        }
    }

    /// <summary>"simulation" or "live", as run.json and the report say.</summary>
    public string Mode => _live == null ? "simulation" : "live";

    /// <summary>The runs to make, in output order: each variant's seeds in turn.</summary>
    public IReadOnlyList<(ExperimentSpec Spec, long Seed, RunProgress Progress)> Plan() =>
        _variants.SelectMany(v => v.Seeds.Select(seed => (v, seed, new RunProgress($"{v.Variant} seed {seed}", v.Horizon.Seconds)))).ToArray();

    /// <summary>
    /// results/NAME/ under the working folder. The repository ignores results/ except the reference outputs in
    /// results/reference/ (and results/README.md), so running a bundled experiment changes no tracked file;
    /// an experiment named "reference" goes to results/reference-run/ so that it cannot replace them.
    /// </summary>
    public static string DefaultOutput(string experimentName)
    {
        var folder = string.Concat(experimentName.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-'));
        return Path.Combine("results", folder == ReferenceFolder ? "reference-run" : folder);
    }

    /// <summary>The folder of results/ that holds the tracked reference outputs (tools/regenerate-results.sh).</summary>
    public const string ReferenceFolder = "reference";

    /// <summary>Runs everything and writes the outputs to <paramref name="output"/>; returns the results.</summary>
    public IReadOnlyList<VariantResults> Run(string output, IReadOnlyList<(ExperimentSpec Spec, long Seed, RunProgress Progress)> plan)
    {
        var wall = Stopwatch.StartNew();
        var full = Path.GetFullPath(output);
        var partial = full + ".partial";
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        Directory.CreateDirectory(partial);
        try
        {
            var results = new RunResult[plan.Count];
            Parallel.For(0, plan.Count, new ParallelOptions { MaxDegreeOfParallelism = _jobs }, i =>
            {
                var (spec, seed, progress) = plan[i];
                var dir = Path.Combine(partial, "runs", spec.Variant, $"seed-{seed}");
                if (_live == null)
                {
                    results[i] = new SimulationRun(spec, seed, dir, progress).Execute();
                    return;
                }
                var live = new LiveRun(spec, seed, dir, _live, progress);
                results[i] = live.Execute();
                _containerStartMean = live.ContainerStartMeanSeconds;
            });
            var variants = _variants.Select(v => new VariantResults(v,
                plan.Select((p, i) => (p, i)).Where(x => x.p.Spec == v).Select(x => results[x.i]).ToArray())).ToArray();
            WriteOutputs(partial, variants, wall.Elapsed.TotalSeconds);
            if (_live != null) WriteComparison(partial, plan[0].Seed);
            if (Directory.Exists(full)) Directory.Delete(full, recursive: true);
            Directory.Move(partial, full);
            return variants;
        }
        catch
        {
            try { Directory.Delete(partial, recursive: true); } catch (IOException) { }
            throw;
        }
    }

    /// <summary>
    /// A live run comes with its simulation: the same variant and seed simulated into simulation/, and the
    /// fidelity report of the one against the other in compare/ (what <c>clustersim compare</c> writes).
    /// </summary>
    private void WriteComparison(string dir, long seed)
    {
        var simulation = new ExperimentRunner(_file, _variants[0].Variant, 1);
        var simDir = Path.Combine(dir, "simulation");
        simulation.Run(simDir, simulation.Plan().Where(p => p.Seed == seed).ToArray());
        var report = FidelityReport.Build(RunOutputs.Read(simDir, seed), RunOutputs.Read(dir), FidelityTolerance.DefaultOverheadWallSeconds);
        report.Write(Path.Combine(dir, "compare"));
        Fidelity = report;
    }

    /// <summary>After a live run: how it compares with its simulation.</summary>
    public FidelityReport? Fidelity { get; private set; }

    private void WriteOutputs(string dir, IReadOnlyList<VariantResults> variants, double wallSeconds)
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
        if (checks.Length > 0)
        {
            using var table = new CsvTable(Path.Combine(dir, "checks.csv"),
                "variant", "check", "servers", "arrival_rate", "mean_service_s", "analytic_wait_s", "simulated_wait_s", "ci95_low", "ci95_high", "allowance_s", "passed");
            foreach (var c in checks)
                table.Add(c.Variant).Add(c.Model).Add(c.Servers).Add(c.ArrivalRate).Add(c.MeanService).Add(c.Analytic)
                    .Add(c.Simulated.Mean).Add(c.Simulated.CiLow).Add(c.Simulated.CiHigh).Add(c.Allowance).Add(c.Passed ? "true" : "false").EndRow();
        }
        var figures = PlotSet.Build(_file.Name, variants, FrameworkCompletionTimes.Read(dir, variants), differences)
            .Select(f => f.Render(_file.Figures)).ToArray();
        foreach (var figure in figures) figure.Write(dir);
        File.WriteAllText(Path.Combine(dir, "report.html"), ReportWriter.Render(_file.Name, Mode, variants, checks, figures, differences), new UTF8Encoding(false));
        WriteRunJson(Path.Combine(dir, "run.json"), variants, wallSeconds);
    }

    /// <summary>Every variant against the file's baseline, seed by seed; nothing when fewer than two variants
    /// ran (a live run, or --variant) or the baseline is not among them.</summary>
    private IReadOnlyList<PairedDifference> Differences(IReadOnlyList<VariantResults> variants) =>
        variants.Count < 2 || variants.All(v => v.Name != _file.Baseline) ? [] : PairedDifference.All(variants, _file.Baseline);

    /// <summary>p-values keep four significant digits: six decimals would round a small one to 0.</summary>
    private static string PValue(double p) => double.IsNaN(p) ? "" : p.ToString("G4", CultureInfo.InvariantCulture);

    private void WriteRunJson(string path, IReadOnlyList<VariantResults> variants, double wallSeconds)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("experiment", _file.Name);
        json.WriteString("file", _file.Path);
        json.WriteString("mode", Mode);
        if (_live != null)
        {
            json.WriteNumber("time_scale", variants[0].Spec.Live!.TimeScale);
            if (double.IsFinite(_containerStartMean)) json.WriteNumber("container_start_mean_s", Math.Round(_containerStartMean, 3));
        }
        json.WriteString("version", Version);
        json.WriteNumber("jobs", _jobs);
        RunProvenance.Collect(variants.Select(v => v.Spec)).Write(json);
        json.WriteNumber("wall_seconds", Math.Round(wallSeconds, 3));
        json.WriteStartArray("warnings");
        foreach (var warning in _variants.SelectMany(v => v.Warnings).Distinct(StringComparer.Ordinal)) json.WriteStringValue(warning);
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

    public static string Version =>
        typeof(ExperimentRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
