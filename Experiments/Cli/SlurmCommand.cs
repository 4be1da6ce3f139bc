using System.CommandLine;
using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Running;
using ClusterSim.Experiments.Sweeps;

namespace ClusterSim.Experiments.Cli;

/// <summary>
/// <c>clustersim slurm FILE [--out DIR] [--partition P] [--time T] [--max-parallel M] [--sbatch-arg ARG]...
/// [--shards N] [--variant NAME] [--wait]</c>: runs an experiment's runs as a Slurm job array (one task per run,
/// or per shard) and merges them with a job that depends on the array (see <see cref="SlurmSweep"/>); prints
/// both job ids; with --wait follows them (<see cref="SlurmWatch"/>) and exits with the merge's status.
/// </summary>
public static class SlurmCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The experiment file (YAML)" };
        var output = new Option<string?>("--out") { Description = "Where the merged outputs go (default: results/<name>/); scripts, logs and shards go to <out>.slurm/. It must be on a file system every node sees" };
        var partition = new Option<string?>("--partition") { Description = "sbatch --partition for both jobs" };
        var time = new Option<string?>("--time") { Description = "sbatch --time: each array task's (and the merge's) time limit, e.g. 30 or 2:00:00" };
        var maxParallel = new Option<int?>("--max-parallel") { Description = "At most this many array tasks at once" };
        var sbatchArgs = new Option<string[]>("--sbatch-arg") { Description = "One more sbatch argument for both jobs, e.g. --sbatch-arg=--account=lab (repeatable)", AllowMultipleArgumentsPerToken = false };
        var shards = new Option<int?>("--shards") { Description = "Array tasks: this many shards of the runs instead of one task per run" };
        var variant = new Option<string?>("--variant") { Description = "Run only this variant" };
        var wait = new Option<bool>("--wait") { Description = "Wait for the merge job and exit with its status (0 when the merged outputs are written)" };
        var command = new Command("slurm", "Run an experiment's runs as a Slurm job array and merge them with a dependent job")
            { file, output, partition, time, maxParallel, sbatchArgs, shards, variant, wait };
        command.SetAction(result => Run(result.GetValue(file)!.ToString(), result.GetValue(output), new SlurmOptions
        {
            Partition = result.GetValue(partition),
            Time = result.GetValue(time),
            MaxParallel = result.GetValue(maxParallel),
            SbatchArgs = result.GetValue(sbatchArgs) ?? [],
            Shards = result.GetValue(shards),
            Variant = result.GetValue(variant),
        }, result.GetValue(wait)));
        return command;
    }

    public static int Run(string path, string? output, SlurmOptions options, bool wait)
    {
        Model.ExperimentFile file;
        IReadOnlyList<string> runNames;
        try
        {
            file = ExperimentParser.ParseFile(path);
            runNames = ShardRun.WholePlan(file, options.Variant).Select(p => ShardRecord.RunName(p.Spec.Variant, p.Seed)).ToArray();
        }
        catch (Exception e) when (e is ConfigException or ArgumentException)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 2;
        }
        if (options.Shards is { } n && (n < 1 || n > runNames.Count))
            return Fail($"--shards: expected 1 to {runNames.Count} (the experiment's runs), found {n}");
        if (options.MaxParallel is < 1) return Fail($"--max-parallel: expected at least 1, found {options.MaxParallel}");
        if (!SlurmClient.Available()) return Fail("sbatch is not on the PATH: this needs Slurm's client commands (tools/setup-slurm.sh starts a one-node Slurm on this machine)");
        foreach (var warning in file.Variants.Where(v => options.Variant == null || v.Variant == options.Variant).SelectMany(v => v.Warnings).Distinct(StringComparer.Ordinal))
            Console.Error.WriteLine("warning: " + warning);

        var sweep = new SlurmSweep(path, file.Name, runNames.Count, output ?? ExperimentRunner.DefaultOutput(file.Name), options,
            ThisProgram.Command(), Environment.CurrentDirectory);
        try
        {
            sweep.WriteScripts();
            var arrayJob = SlurmClient.Submit(sweep.ArrayArguments());
            var mergeJob = SlurmClient.Submit(sweep.MergeArguments(arrayJob));
            Console.WriteLine($"{file.Name}: array job {arrayJob} ({sweep.Tasks} task(s) for {sweep.Runs} run(s)), merge job {mergeJob} (afterok:{arrayJob}) into {sweep.Output}");
            Console.WriteLine($"scripts, logs and shards: {sweep.Folder}");
            if (!wait) return 0;
            return new SlurmWatch(sweep, runNames, SlurmClient.Show, Console.Out, TimeSpan.FromSeconds(2)).Wait(arrayJob, mergeJob);
        }
        catch (SweepException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"error: {sweep.Folder}: {e.Message}");
            return 1;
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("error: " + message);
        return 2;
    }
}
