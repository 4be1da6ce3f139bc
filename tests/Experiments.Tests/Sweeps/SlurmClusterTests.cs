using System.Diagnostics;
using System.Text.RegularExpressions;
using ClusterSim.Experiments.Sweeps;

namespace ClusterSim.Experiments.Tests.Sweeps;

/// <summary>
/// <c>clustersim slurm</c> against a real Slurm: the one-node cluster tools/setup-slurm.sh starts (tools/test.sh
/// runs it as root). Without sbatch or a controller that answers, skipped with the reason, except under
/// CI=true, where that fails.
/// </summary>
[NonParallelizable]
public partial class SlurmClusterTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    [OneTimeSetUp]
    public void RequireSlurm()
    {
        string? missing = !SlurmClient.Available() ? "sbatch is not on the PATH"
            : Run("scontrol", RepositoryRoot.Path, ["ping"]) is not (0, var ping, _) || !ping.Contains("is UP", StringComparison.Ordinal) ? "no Slurm controller answers (scontrol ping)"
            : null;
        if (missing == null) return;
        missing += "; tools/setup-slurm.sh installs and starts a one-node Slurm (as root)";
        if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail(missing);
        Assert.Ignore(missing);
    }

    [Test]
    public void TheQuickstart_ThroughSlurmWait_GivesTheLocalRunsOutputs()
    {
        using var temp = new TempFolder();
        var local = temp.Combine("local");
        var merged = temp.Combine("slurm");

        var run = Clustersim("run", "experiments/quickstart.yaml", "--out", local);
        var slurm = Clustersim("slurm", "experiments/quickstart.yaml", "--out", merged, "--time", "10", "--max-parallel", "4", "--wait");

        Assert.That(run.Code, Is.Zero, run.Errors);
        Assert.That(slurm.Code, Is.Zero, slurm.Output + slurm.Errors);
        Assert.That(slurm.Output, Does.Match(@"quickstart: array job \d+ \(9 task\(s\) for 9 run\(s\)\), merge job \d+ \(afterok:\d+\)"));
        Assert.That(slurm.Output, Does.Contain("task 9/9 (random seed 44): COMPLETED"));
        Assert.That(slurm.Output, Does.Contain($"COMPLETED; wrote {Path.Combine(merged, "report.html")}"));
        SweepExperiment.AssertSameOutputs(local, merged);
        Assert.That(Directory.GetDirectories(Path.Combine(merged + ".slurm", "shards")), Has.Length.EqualTo(9));
    }

    [Test]
    public void AFailedArrayTask_IsReportedByItsRuns_AndTheMergeNeverRuns()
    {
        using var temp = new TempFolder();
        var file = SweepExperiment.Write(temp);
        var output = temp.Combine("out");
        // Held, so that task 2 can be made to fail before anything starts: a file where its folder must go.
        var submitted = Clustersim("slurm", file, "--out", output, "--shards", "3", "--sbatch-arg=--hold");
        Assert.That(submitted.Code, Is.Zero, submitted.Output + submitted.Errors);
        var ids = JobIds().Match(submitted.Output);
        Assert.That(ids.Success, submitted.Output);
        string arrayJob = ids.Groups[1].Value, mergeJob = ids.Groups[2].Value;
        try
        {
            File.WriteAllText(Path.Combine(output + ".slurm", "shards", "task-2.partial"), "in the way");
            Assert.That(Run("scontrol", temp.Path, ["release", arrayJob]).Code, Is.Zero);
            Assert.That(Run("scontrol", temp.Path, ["release", mergeJob]).Code, Is.Zero);
            var sweep = new SlurmSweep(file, "sweep", SweepExperiment.Runs, output, new SlurmOptions { Shards = 3 }, ["clustersim"], temp.Path);
            var names = new[] { "drf seed 5", "drf seed 6", "weighted seed 5", "weighted seed 6", "random seed 5", "random seed 6" };
            var said = new StringWriter();
            var deadline = Stopwatch.StartNew();
            IReadOnlyList<SlurmJobState> Show(string job) =>
                deadline.Elapsed < Limit ? SlurmClient.Show(job) : throw new AssertionException($"the jobs did not end within {Limit}:\n{said}");

            int code = new SlurmWatch(sweep, names, Show, said, TimeSpan.FromSeconds(1)).Wait(arrayJob, mergeJob);

            Assert.That(code, Is.EqualTo(1), said.ToString());
            // Task 2 of 3 holds plan positions 1 and 4.
            Assert.That(said.ToString(), Does.Contain($"failed: task 2 (drf seed 6, random seed 5): FAILED, exit 1:0 (NonZeroExitCode); log: {sweep.TaskLog(2)}"));
            Assert.That(said.ToString(), Does.Contain("task 1/3 (drf seed 5, weighted seed 6): COMPLETED"));
            Assert.That(said.ToString(), Does.Contain($"merge job {mergeJob}: CANCELLED"));
            Assert.That(File.ReadAllText(sweep.TaskLog(2)), Does.Contain("error: shard 2/3 failed"));
            Assert.That(Directory.Exists(output), Is.False, "no merged outputs");
        }
        finally
        {
            Run("scancel", temp.Path, [arrayJob, mergeJob]);
        }
    }

    [GeneratedRegex(@"array job (\d+) .* merge job (\d+) ")]
    private static partial Regex JobIds();

    /// <summary>The program as a user runs it, from the repository root.</summary>
    private static (int Code, string Output, string Errors) Clustersim(params string[] args)
    {
        var program = Path.Combine(TestContext.CurrentContext.TestDirectory, "clustersim.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        return Run(dotnet, RepositoryRoot.Path, [program, .. args]);
    }

    private static (int Code, string Output, string Errors) Run(string program, string directory, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new AssertionException($"{program} {string.Join(' ', args)} did not end within {Limit}");
        }
        return (process.ExitCode, output.Result, errors.Result);
    }
}
