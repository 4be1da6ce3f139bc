using System.Diagnostics;
using System.Reflection;
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
            // Wall time is the cost of a live run: one seed, the first. Faults are the simulation's to inject (a
            // live cluster fails by itself), so neither the live run nor its simulated twin injects them.
            _variants = [_variants[0].WithoutFaults() with { Seeds = [_variants[0].Seeds[0]] }];
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
        var simulation = new ExperimentRunner(_file with { Variants = [_variants[0]] }, null, 1);
        var simDir = Path.Combine(dir, "simulation");
        simulation.Run(simDir, simulation.Plan().Where(p => p.Seed == seed).ToArray());
        var report = FidelityReport.Build(RunOutputs.Read(simDir, seed), RunOutputs.Read(dir), FidelityTolerance.DefaultOverheadWallSeconds);
        report.Write(Path.Combine(dir, "compare"));
        Fidelity = report;
    }

    /// <summary>After a live run: how it compares with its simulation.</summary>
    public FidelityReport? Fidelity { get; private set; }

    // The combined outputs are one step shared with `clustersim merge` (Output/ExperimentOutputs).
    private void WriteOutputs(string dir, IReadOnlyList<VariantResults> variants, double wallSeconds) =>
        new ExperimentOutputs(_file, Mode, _jobs).Write(dir, variants, wallSeconds, _live == null ? null : json =>
        {
            json.WriteNumber("time_scale", variants[0].Spec.Live!.TimeScale);
            if (double.IsFinite(_containerStartMean)) json.WriteNumber("container_start_mean_s", Math.Round(_containerStartMean, 3));
        });

    public static string Version =>
        typeof(ExperimentRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
