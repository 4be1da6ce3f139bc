using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Model;
using ClusterSim.Experiments.Output;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Sweeps;

/// <summary>
/// Combines the shards of one experiment (<c>clustersim merge DIR... --out DIR</c>) into the outputs one whole
/// run writes: the runs' folders are copied in, and the combined outputs are written by the same step a whole
/// run uses (<see cref="ExperimentOutputs"/>) from the exact results the shards recorded, so summary.csv,
/// comparison.csv, differences.csv, checks.csv, the figures and report.html are byte for byte a whole run's.
/// run.json lists every shard (folder, share, host, wall time, runs, provenance).
/// </summary>
public sealed class ShardMerge
{
    private readonly IReadOnlyList<(string Dir, ShardRecord Record)> _shards;
    private readonly ExperimentFile _file;
    private readonly IReadOnlyList<VariantResults> _variants;
    private readonly IReadOnlyList<(string Dir, string Variant, long Seed)> _runFolders;

    private ShardMerge(IReadOnlyList<(string, ShardRecord)> shards, ExperimentFile file,
        IReadOnlyList<VariantResults> variants, IReadOnlyList<(string, string, long)> runFolders)
    {
        _shards = shards;
        _file = file;
        _variants = variants;
        _runFolders = runFolders;
    }

    /// <summary>The variants as a whole run would report them: file order, each with its runs in seed order.</summary>
    public IReadOnlyList<VariantResults> Variants => _variants;

    public ExperimentFile File => _file;

    /// <summary>
    /// Reads the shards and checks that together they are the experiment's runs, each once: the same experiment
    /// file (unchanged since: its SHA-256), variant filter and program version; no run twice; none missing (an
    /// error with exit code 1 naming each missing run and the shard that should have held it).
    /// </summary>
    public static ShardMerge Load(IReadOnlyList<string> dirs)
    {
        if (dirs.Count == 0) throw new SweepException("merge: give at least one shard folder");
        var shards = dirs.Select(d => (Dir: Path.GetFullPath(d), Record: ShardRecord.Read(d))).ToArray();
        var (firstDir, first) = shards[0];
        foreach (var (dir, record) in shards.Skip(1))
        {
            if (record.FileSha256 != first.FileSha256)
                throw new SweepException($"{dir}: a shard of another experiment file: {record.FilePath} (SHA-256 {record.FileSha256[..12]}...) where {firstDir} ran {first.FilePath} ({first.FileSha256[..12]}...)");
            if (record.Variant != first.Variant)
                throw new SweepException($"{dir}: ran {Describe(record.Variant)} where {firstDir} ran {Describe(first.Variant)}");
            if (record.Version != first.Version)
                throw new SweepException($"{dir}: run by clustersim {record.Version} where {firstDir} was run by {first.Version}");
        }
        var duplicate = shards.GroupBy(s => s.Dir, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null) throw new SweepException($"{duplicate.Key}: given twice");

        if (!System.IO.File.Exists(first.FilePath))
            throw new SweepException($"{first.FilePath}: the experiment file the shards ran is not there (merge reads it again for the report and run.json)");
        if (ShardRecord.Sha256(first.FilePath) != first.FileSha256)
            throw new SweepException($"{first.FilePath}: changed since the shards ran it (its SHA-256 is no longer {first.FileSha256[..12]}...); run the shards again");
        ExperimentFile file;
        IReadOnlyList<(ExperimentSpec Spec, long Seed, RunProgress Progress)> plan;
        try
        {
            file = ExperimentParser.ParseFile(first.FilePath);
            plan = ShardRun.WholePlan(file, first.Variant);
        }
        catch (Exception e) when (e is ConfigException or ArgumentException)
        {
            throw new SweepException(e.Message, e);
        }

        var index = plan.Select((p, i) => (p, i)).ToDictionary(x => (x.p.Spec.Variant, x.p.Seed), x => x.i);
        var found = new (string Dir, RunResult Result)?[plan.Count];
        foreach (var (dir, record) in shards)
            foreach (var run in record.Runs)
            {
                var name = ShardRecord.RunName(run.Summary.Variant, run.Summary.Seed);
                if (!index.TryGetValue((run.Summary.Variant, run.Summary.Seed), out int i))
                    throw new SweepException($"{dir}: run {name} is not one of {first.FilePath}'s runs");
                if (found[i] is { } earlier)
                    throw new SweepException($"run {name} is in two shards: {earlier.Dir} and {dir}");
                found[i] = (dir, run);
            }
        var counts = shards.Select(s => s.Record.Shard.Count).Distinct().ToArray();
        var missing = plan.Select((p, i) => (p, i)).Where(x => found[x.i] == null)
            .Select(x => ShardRecord.RunName(x.p.Spec.Variant, x.p.Seed)
                         + (counts.Length == 1 ? $" (shard {Shard.Holding(x.i, counts[0])})" : ""))
            .ToArray();
        if (missing.Length > 0)
            throw new SweepException($"missing {missing.Length} of {plan.Count} run(s), in no shard given: {string.Join(", ", missing)}", exitCode: 1);

        var runFolders = new List<(string, string, long)>();
        foreach (var (spec, seed, _) in plan)
        {
            var dir = found[index[(spec.Variant, seed)]]!.Value.Dir;
            var folder = Path.Combine(dir, RunFolder(spec.Variant, seed));
            if (!Directory.Exists(folder))
                throw new SweepException($"{dir}: {RunFolder(spec.Variant, seed)} is missing, though shard.json lists run {ShardRecord.RunName(spec.Variant, seed)}", exitCode: 1);
            runFolders.Add((dir, spec.Variant, seed));
        }
        // In plan order, as ExperimentRunner groups them: each variant's runs in seed order.
        var variants = plan.Select(p => p.Spec).Distinct()
            .Select(spec => new VariantResults(spec, plan.Select((p, i) => (p, i)).Where(x => x.p.Spec == spec)
                .Select(x => found[x.i]!.Value.Result).ToArray()))
            .ToArray();
        return new ShardMerge(shards, file, variants, runFolders);
    }

    private static string Describe(string? variant) => variant == null ? "every variant" : $"only variant '{variant}' (--variant)";

    private static string RunFolder(string variant, long seed) =>
        Path.Combine("runs", variant, "seed-" + seed.ToString(CultureInfo.InvariantCulture));

    /// <summary>Writes the complete outputs to <paramref name="output"/> (through output.partial, moved into
    /// place when complete, as a whole run does); the shards are left as they are.</summary>
    public void Write(string output)
    {
        var wall = Stopwatch.StartNew();
        var full = Path.GetFullPath(output);
        foreach (var (dir, _) in _shards)
            if (Inside(dir, full) || Inside(full, dir))
                throw new SweepException($"--out {output}: it holds or lies in the shard {dir}; merge into a folder of its own");
        var partial = full + ".partial";
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        Directory.CreateDirectory(partial);
        try
        {
            foreach (var (dir, variant, seed) in _runFolders)
                CopyFolder(Path.Combine(dir, RunFolder(variant, seed)), Path.Combine(partial, RunFolder(variant, seed)));
            new ExperimentOutputs(_file, "simulation", jobs: null).Write(partial, _variants, wall.Elapsed.TotalSeconds, WriteShards);
            if (Directory.Exists(full)) Directory.Delete(full, recursive: true);
            Directory.Move(partial, full);
        }
        catch
        {
            try { Directory.Delete(partial, recursive: true); } catch (IOException) { }
            throw;
        }
    }

    private void WriteShards(Utf8JsonWriter json)
    {
        json.WriteStartArray("shards");
        foreach (var (dir, record) in _shards)
        {
            json.WriteStartObject();
            json.WriteString("dir", dir);
            json.WriteString("shard", record.Shard.ToString());
            json.WriteString("host", record.Host);
            json.WriteNumber("jobs", record.Jobs);
            json.WriteNumber("wall_seconds", Math.Round(record.WallSeconds, 3));
            json.WriteStartArray("runs");
            foreach (var run in record.Runs) json.WriteStringValue(ShardRecord.RunName(run.Summary.Variant, run.Summary.Seed));
            json.WriteEndArray();
            json.WritePropertyName("provenance");
            record.Provenance.WriteTo(json);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static bool Inside(string path, string folder) =>
        path == folder || path.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from)) System.IO.File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var sub in Directory.EnumerateDirectories(from)) CopyFolder(sub, Path.Combine(to, Path.GetFileName(sub)));
    }
}
