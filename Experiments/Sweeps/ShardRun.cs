using System.Diagnostics;
using System.Globalization;
using ClusterSim.Experiments.Model;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Sweeps;

/// <summary>
/// One shard of an experiment (<c>clustersim run FILE --shard K/N</c>): its share of the (variant, seed) runs,
/// simulated exactly as a whole run simulates them into the same runs/VARIANT/seed-N/ folders, plus the
/// <see cref="ShardRecord"/> that <c>clustersim merge</c> combines. Written under DIR.partial and moved into place
/// when complete, as a whole run is, so a shard that failed leaves no shard.json for a merge to take.
/// </summary>
public sealed class ShardRun
{
    private readonly ExperimentFile _file;
    private readonly string? _variant;
    private readonly Shard _shard;
    private readonly int _jobs;

    /// <summary>The whole plan of the file (or of the one variant), as a whole run would make it.</summary>
    public static IReadOnlyList<(ExperimentSpec Spec, long Seed, RunProgress Progress)> WholePlan(ExperimentFile file, string? variant) =>
        new ExperimentRunner(file, variant, 1).Plan();

    public ShardRun(ExperimentFile file, string? variant, Shard shard, int jobs)
    {
        _file = file;
        _variant = variant;
        _shard = shard;
        _jobs = Math.Max(1, jobs);
        Plan = shard.Of(WholePlan(file, variant));
    }

    public Shard Shard => _shard;

    /// <summary>This shard's runs, in plan order.</summary>
    public IReadOnlyList<(ExperimentSpec Spec, long Seed, RunProgress Progress)> Plan { get; }

    public ShardRecord Run(string output)
    {
        var wall = Stopwatch.StartNew();
        var full = Path.GetFullPath(output);
        var partial = full + ".partial";
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        Directory.CreateDirectory(partial);
        try
        {
            var results = new RunResult[Plan.Count];
            Parallel.For(0, Plan.Count, new ParallelOptions { MaxDegreeOfParallelism = _jobs }, i =>
            {
                var (spec, seed, progress) = Plan[i];
                var dir = Path.Combine(partial, "runs", spec.Variant, "seed-" + seed.ToString(CultureInfo.InvariantCulture));
                results[i] = new SimulationRun(spec, seed, dir, progress).Execute();
            });
            var record = ShardRecord.Of(_file, _variant, _shard, _jobs, wall.Elapsed.TotalSeconds, results);
            record.Write(partial);
            if (Directory.Exists(full)) Directory.Delete(full, recursive: true);
            Directory.Move(partial, full);
            return record;
        }
        catch
        {
            try { Directory.Delete(partial, recursive: true); } catch (IOException) { }
            throw;
        }
    }
}
