using System.Diagnostics;
using ClusterSim.Experiments.Sweeps;

namespace ClusterSim.Experiments.Tests.Sweeps;

/// <summary>The two jobs <c>clustersim slurm</c> submits: their sbatch arguments, and their scripts run as Slurm
/// would run them (bash, with SLURM_ARRAY_TASK_ID set), without Slurm.</summary>
public class SlurmSweepTests
{
    private static readonly string[] Program = ["/opt/dotnet/dotnet", "/opt/clustersim/clustersim.dll"];

    [Test]
    public void OneTaskPerRun_ByDefault_AndTheMergeWaitsForTheWholeArray()
    {
        using var temp = new TempFolder();
        var sweep = new SlurmSweep("sweep.yaml", "sweep", runs: 6, "out", new SlurmOptions(), Program, temp.Path);

        Assert.That(sweep.Tasks, Is.EqualTo(6));
        Assert.That(sweep.Output, Is.EqualTo(temp.Combine("out")));
        Assert.That(sweep.Folder, Is.EqualTo(temp.Combine("out.slurm")));
        Assert.That(sweep.ArrayArguments(), Is.EqualTo(new[]
        {
            "--parsable", "--job-name=clustersim-sweep", "--array=1-6", $"--output={temp.Combine("out.slurm", "logs", "task-%a.out")}",
            $"--chdir={temp.Path}", temp.Combine("out.slurm", "array.sh"),
        }));
        Assert.That(sweep.MergeArguments("41"), Is.EqualTo(new[]
        {
            "--parsable", "--job-name=clustersim-sweep-merge", "--dependency=afterok:41", "--kill-on-invalid-dep=yes",
            $"--output={temp.Combine("out.slurm", "logs", "merge.out")}", $"--chdir={temp.Path}", temp.Combine("out.slurm", "merge.sh"),
        }));
        Assert.That(Enumerable.Range(1, 6).Select(sweep.PlanIndices), Is.EqualTo(Enumerable.Range(0, 6).Select(i => new[] { i })));
    }

    [Test]
    public void Shards_PartitionLimitsAndExtraArguments_GoToBothJobs()
    {
        using var temp = new TempFolder();
        var options = new SlurmOptions { Shards = 4, MaxParallel = 2, Partition = "short", Time = "0:30:00", SbatchArgs = ["--account=lab", "--mem=2G"] };
        var sweep = new SlurmSweep("sweep.yaml", "sweep", runs: 6, "out", options, Program, temp.Path);

        Assert.That(sweep.Tasks, Is.EqualTo(4));
        Assert.That(sweep.ArrayArguments(), Does.Contain("--array=1-4%2").And.Contain("--partition=short").And.Contain("--time=0:30:00")
            .And.Contain("--account=lab").And.Contain("--mem=2G"));
        Assert.That(sweep.MergeArguments("7"), Does.Contain("--partition=short").And.Contain("--time=0:30:00").And.Contain("--account=lab")
            .And.Not.Contain("--array=1-4%2"));
        Assert.That(sweep.PlanIndices(1), Is.EqualTo(new[] { 0, 4 }));
        Assert.That(sweep.PlanIndices(4), Is.EqualTo(new[] { 3 }));
    }

    [Test]
    public void TheScripts_CallThisProgram_WithAbsolutePaths()
    {
        using var temp = new TempFolder();
        var sweep = new SlurmSweep("exp/sweep.yaml", "sweep", runs: 6, "results/it's here", new SlurmOptions { Shards = 3, Variant = "drf" }, Program, temp.Path);

        sweep.WriteScripts();

        var array = File.ReadAllText(sweep.ArrayScript);
        Assert.That(array, Does.StartWith("#!/bin/bash\n"));
        Assert.That(array, Does.Contain($"\nexec /opt/dotnet/dotnet /opt/clustersim/clustersim.dll run {temp.Combine("exp", "sweep.yaml")} --shard \"${{SLURM_ARRAY_TASK_ID}}\"/3 "));
        Assert.That(array, Does.Contain("--variant drf"));
        // A path with a quote in it is quoted for bash.
        Assert.That(array, Does.Contain($"--out '{temp.Combine("results", "it'\\''s here.slurm", "shards", "task-")}'\"${{SLURM_ARRAY_TASK_ID}}\""));
        var merge = File.ReadAllText(sweep.MergeScript);
        Assert.That(merge, Does.Contain($"merge '{temp.Combine("results", "it'\\''s here.slurm", "shards", "task-")}'{{1..3}} --out '{temp.Combine("results", "it'\\''s here")}'"));
    }

    [Test]
    public void WritingTheScripts_ClearsTheShardsOfAnEarlierSweep()
    {
        using var temp = new TempFolder();
        var sweep = new SlurmSweep("sweep.yaml", "sweep", runs: 6, "out", new SlurmOptions(), Program, temp.Path);
        Directory.CreateDirectory(sweep.TaskFolder(2));
        File.WriteAllText(Path.Combine(sweep.TaskFolder(2), ShardRecord.FileName), "{}");

        sweep.WriteScripts();

        Assert.That(Directory.Exists(sweep.TaskFolder(2)), Is.False);
        Assert.That(Directory.Exists(sweep.Logs));
    }

    /// <summary>Runs the array script once per task, as Slurm would, then the merge script: the outputs are a whole run's.</summary>
    [Test]
    public void TheScriptsRunByHand_GiveTheWholeRunsOutputs()
    {
        using var temp = new TempFolder();
        var file = SweepExperiment.Write(temp);
        var whole = SweepExperiment.RunWhole(temp, file);
        var program = new[] { Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", Path.Combine(TestContext.CurrentContext.TestDirectory, "clustersim.dll") };
        var sweep = new SlurmSweep(file, "sweep", SweepExperiment.Runs, temp.Combine("out"), new SlurmOptions { Shards = 2 }, program, temp.Path);
        sweep.WriteScripts();

        for (int task = 1; task <= sweep.Tasks; task++)
            Assert.That(Bash(sweep.ArrayScript, task), Is.Zero, $"task {task}");
        Assert.That(Bash(sweep.MergeScript, null), Is.Zero, "merge");

        SweepExperiment.AssertSameOutputs(whole, sweep.Output);
    }

    private static int Bash(string script, int? task)
    {
        var start = new ProcessStartInfo("bash", [script]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (task is { } k) start.Environment["SLURM_ARRAY_TASK_ID"] = k.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment.Remove("SLURM_CPUS_PER_TASK");
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) TestContext.Out.WriteLine($"{script} {task}:\n{output}\n{errors.Result}");
        return process.ExitCode;
    }

    [TestCase("--shards", "0", "--shards: expected 1 to 6 (the experiment's runs), found 0")]
    [TestCase("--shards", "7", "--shards: expected 1 to 6 (the experiment's runs), found 7")]
    [TestCase("--max-parallel", "0", "--max-parallel: expected at least 1, found 0")]
    [TestCase("--variant", "none", "no variant named 'none'")]
    [TestCase("--wait", null, "sbatch is not on the PATH")]
    public void WhatSlurmCannotRun_IsAUsageError_BeforeAnythingIsWritten(string option, string? value, string expected)
    {
        using var temp = new TempFolder();
        var file = SweepExperiment.Write(temp);
        var program = Path.Combine(TestContext.CurrentContext.TestDirectory, "clustersim.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            [program, "slurm", file, "--out", temp.Combine("out"), option, .. value == null ? Array.Empty<string>() : [value]])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        // No Slurm on this PATH, whether or not the machine has one.
        start.Environment["PATH"] = temp.Path;
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.That(process.ExitCode, Is.EqualTo(2), errors.Result);
        Assert.That(errors.Result, Does.StartWith("error: ").And.Contain(expected));
        Assert.That(Directory.Exists(temp.Combine("out.slurm")), Is.False);
    }

    [TestCase("plain/path-1.csv", "plain/path-1.csv")]
    [TestCase("with space", "'with space'")]
    [TestCase("it's", "'it'\\''s'")]
    [TestCase("$HOME", "'$HOME'")]
    [TestCase("", "''")]
    public void Quote_MakesOneBashWord(string word, string expected) => Assert.That(SlurmSweep.Quote(word), Is.EqualTo(expected));
}
