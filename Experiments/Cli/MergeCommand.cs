using System.CommandLine;
using ClusterSim.Experiments.Sweeps;

namespace ClusterSim.Experiments.Cli;

/// <summary>
/// <c>clustersim merge DIR... --out DIR</c>: combines the shards of one experiment (the folders of
/// <c>clustersim run FILE --shard K/N</c>) into the outputs of one whole run. Exit 2 when the folders cannot
/// be merged (not shards, shards of different files, a run given twice), 1 when a run is missing.
/// </summary>
public static class MergeCommand
{
    public static Command Create()
    {
        var shards = new Argument<string[]>("shards") { Description = "The shard folders (each the --out of `clustersim run FILE --shard K/N`)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Where the combined outputs go (a folder of its own, not one of the shards)", Required = true };
        var command = new Command("merge", "Combine the shards of an experiment into the outputs of one whole run") { shards, output };
        command.SetAction(result => Run(result.GetValue(shards)!, result.GetValue(output)!));
        return command;
    }

    public static int Run(IReadOnlyList<string> shards, string output)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var merge = ShardMerge.Load(shards);
            merge.Write(output);
            int runs = merge.Variants.Sum(v => v.Runs.Count);
            Console.WriteLine($"{merge.File.Name}: merged {shards.Count} shard(s), {runs} run(s) of {merge.Variants.Count} variant(s), in {clock.Elapsed.TotalSeconds:0.0} s");
            Console.WriteLine($"wrote {Path.Combine(output, "report.html")}");
            return 0;
        }
        catch (SweepException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: the merge failed, nothing was written to {output}: {e.Message}");
            return 1;
        }
    }
}
