using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Running;
using ClusterSim.Experiments.Sweeps;

namespace ClusterSim.Experiments.Cli;

/// <summary>
/// <c>clustersim run FILE --shard K/N [--out DIR] [--variant NAME] [--jobs N]</c>: simulates the K-th of N
/// disjoint shares of the file's (variant, seed) runs into DIR/runs/VARIANT/seed-N/, exactly as a whole run
/// would, and records their results in DIR/shard.json for <c>clustersim merge</c>.
/// </summary>
public static class ShardCommand
{
    public static int Run(string path, string shardText, string? output, string? variant, int jobs)
    {
        Model.ExperimentFile file;
        ShardRun run;
        try
        {
            file = ExperimentParser.ParseFile(path);
            var plan = ShardRun.WholePlan(file, variant);
            if (Shard.Parse(shardText, plan.Count, out var error) is not { } shard)
            {
                Console.Error.WriteLine($"error: --shard: {error}");
                return 2;
            }
            if (jobs < 1)
            {
                Console.Error.WriteLine($"error: --jobs: expected at least 1, found {jobs}");
                return 2;
            }
            run = new ShardRun(file, variant, shard, jobs);
        }
        catch (Exception e) when (e is ConfigException or ArgumentException)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 2;
        }
        foreach (var warning in file.Variants.Where(v => variant == null || v.Variant == variant).SelectMany(v => v.Warnings).Distinct(StringComparer.Ordinal))
            Console.Error.WriteLine("warning: " + warning);
        // Beside the whole run's folder, never in it: a merge into that folder replaces it.
        var dir = output ?? $"{ExperimentRunner.DefaultOutput(file.Name)}-shard-{run.Shard.Index}-of-{run.Shard.Count}";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var record = ProgressDisplay.Run(run.Plan.Select(p => p.Progress).ToArray(), () => run.Run(dir));
            Console.WriteLine($"{file.Name} shard {record.Shard}: {record.Runs.Count} run(s) in {clock.Elapsed.TotalSeconds:0.0} s: "
                + string.Join(", ", record.Runs.Select(r => ShardRecord.RunName(r.Summary.Variant, r.Summary.Seed))));
            Console.WriteLine($"wrote {Path.Combine(dir, ShardRecord.FileName)}");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or AggregateException)
        {
            Console.Error.WriteLine($"error: shard {shardText} failed, nothing was written to {dir}: " + (e is AggregateException a ? a.InnerException?.Message : e.Message));
            return 1;
        }
    }
}
