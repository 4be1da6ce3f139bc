using System.Globalization;
using System.Text;

namespace ClusterSim.Experiments.Sweeps;

/// <summary>
/// An experiment as two Slurm jobs: a job array whose task K runs <c>clustersim run FILE --shard K/N</c> (N the
/// number of runs, so one run per task, or the --shards asked for), and a merge job that runs
/// <c>clustersim merge</c> over every task's folder once all of them succeeded (<c>--dependency=afterok</c>;
/// <c>--kill-on-invalid-dep=yes</c> so that it is cancelled, not left pending for ever, when one failed).
/// Both call this same program. Everything but the merged outputs lives in OUT.slurm/ beside OUT (the scripts,
/// logs/, shards/task-K/), since the merge replaces OUT when it is done; all paths are absolute, because the jobs
/// run on other nodes, which must see the same file system.
/// </summary>
public sealed class SlurmSweep
{
    private readonly string _experimentPath;
    private readonly string _experimentName;
    private readonly SlurmOptions _options;
    private readonly IReadOnlyList<string> _program;
    private readonly string _workingDirectory;

    /// <param name="program">The command line that starts clustersim (<see cref="Cli.ThisProgram.Command"/>).</param>
    public SlurmSweep(string experimentPath, string experimentName, int runs, string output, SlurmOptions options,
        IReadOnlyList<string> program, string workingDirectory)
    {
        _workingDirectory = Path.GetFullPath(workingDirectory);
        _experimentPath = Path.GetFullPath(experimentPath, _workingDirectory);
        _experimentName = experimentName;
        _options = options;
        _program = program;
        Runs = runs;
        Tasks = options.Shards ?? runs;
        Output = Path.GetFullPath(output, _workingDirectory).TrimEnd(Path.DirectorySeparatorChar);
        Folder = Output + ".slurm";
    }

    public int Runs { get; }

    /// <summary>The array's tasks, numbered 1 to Tasks: task K runs shard K/Tasks.</summary>
    public int Tasks { get; }

    /// <summary>Where the merged outputs go.</summary>
    public string Output { get; }

    /// <summary>OUT.slurm: the scripts, logs/ and shards/.</summary>
    public string Folder { get; }

    public string ArrayScript => Path.Combine(Folder, "array.sh");

    public string MergeScript => Path.Combine(Folder, "merge.sh");

    public string Shards => Path.Combine(Folder, "shards");

    public string Logs => Path.Combine(Folder, "logs");

    public string TaskFolder(int task) => Path.Combine(Shards, "task-" + task.ToString(CultureInfo.InvariantCulture));

    public string TaskLog(int task) => Path.Combine(Logs, "task-" + task.ToString(CultureInfo.InvariantCulture) + ".out");

    public string MergeLog => Path.Combine(Logs, "merge.out");

    /// <summary>The positions in the plan of the runs array task <paramref name="task"/> makes.</summary>
    public IReadOnlyList<int> PlanIndices(int task) => Enumerable.Range(0, Runs).Where(i => new Shard(task, Tasks).Holds(i)).ToArray();

    /// <summary>Clears the shards and logs of an earlier sweep into the same folder (a stale shard must not be
    /// merged) and writes the two scripts.</summary>
    public void WriteScripts()
    {
        if (Directory.Exists(Shards)) Directory.Delete(Shards, recursive: true);
        if (Directory.Exists(Logs)) Directory.Delete(Logs, recursive: true);
        Directory.CreateDirectory(Shards);
        Directory.CreateDirectory(Logs);
        var task = "\"${SLURM_ARRAY_TASK_ID}\"";
        var run = new List<string>
        {
            "run", Quote(_experimentPath), "--shard", $"{task}/{Tasks.ToString(CultureInfo.InvariantCulture)}",
            // With --cpus-per-task (an --sbatch-arg) a shard of several runs runs that many at once.
            "--jobs", "\"${SLURM_CPUS_PER_TASK:-1}\"", "--out", Quote(Path.Combine(Shards, "task-")) + task,
        };
        if (_options.Variant is { } variant) run.AddRange(["--variant", Quote(variant)]);
        Write(ArrayScript, $"array task K runs shard K/{Tasks} of {Runs} run(s) of {_experimentName}", ArrayArguments(), run);
        var merge = new List<string>
        {
            "merge", Quote(Path.Combine(Shards, "task-")) + (Tasks == 1 ? "1" : $"{{1..{Tasks.ToString(CultureInfo.InvariantCulture)}}}"),
            "--out", Quote(Output),
        };
        Write(MergeScript, $"merges the {Tasks} shard(s) of {_experimentName} into {Output}", MergeArguments("ARRAY_JOB_ID"), merge);
    }

    /// <summary>sbatch's arguments for the array job (before the script).</summary>
    public IReadOnlyList<string> ArrayArguments()
    {
        var array = "--array=1-" + Tasks.ToString(CultureInfo.InvariantCulture)
            + (_options.MaxParallel is { } m ? "%" + m.ToString(CultureInfo.InvariantCulture) : "");
        return ["--parsable", $"--job-name=clustersim-{_experimentName}", array, $"--output={Path.Combine(Logs, "task-%a.out")}", .. Common(), ArrayScript];
    }

    /// <summary>sbatch's arguments for the merge job, which waits for <paramref name="arrayJob"/>.</summary>
    public IReadOnlyList<string> MergeArguments(string arrayJob) =>
    [
        "--parsable", $"--job-name=clustersim-{_experimentName}-merge", $"--dependency=afterok:{arrayJob}",
        "--kill-on-invalid-dep=yes", $"--output={MergeLog}", .. Common(), MergeScript,
    ];

    private IEnumerable<string> Common()
    {
        if (_options.Partition is { } p) yield return "--partition=" + p;
        if (_options.Time is { } t) yield return "--time=" + t;
        // Each job starts where the submission was made: relative trace paths resolve as they did here.
        yield return "--chdir=" + _workingDirectory;
        foreach (var arg in _options.SbatchArgs) yield return arg;
    }

    private void Write(string path, string what, IReadOnlyList<string> sbatch, IReadOnlyList<string> arguments)
    {
        var text = new StringBuilder();
        text.Append("#!/bin/bash\n");
        text.Append("# Written by clustersim slurm: ").Append(what).Append(".\n");
        text.Append("# Submitted as: sbatch ").Append(string.Join(' ', sbatch.Select(Quote))).Append('\n');
        text.Append("set -eu\n");
        text.Append("cd ").Append(Quote(_workingDirectory)).Append('\n');
        text.Append("exec ").Append(string.Join(' ', _program.Select(Quote))).Append(' ').Append(string.Join(' ', arguments)).Append('\n');
        File.WriteAllText(path, text.ToString());
        // sbatch reads the script itself; executable only so that a user can also run a task by hand.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    /// <summary>A word for bash: as it is when it holds only safe characters, else in single quotes.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "/._-=:,+%@".Contains(c))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
