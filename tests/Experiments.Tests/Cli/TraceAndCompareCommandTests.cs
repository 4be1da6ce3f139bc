using ClusterSim.Experiments.Cli;
using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Tests.Cli;

/// <summary>
/// The trace stats and compare commands end in one line and an exit code on bad input, never a stack trace:
/// 2 for a path or folder that is not what the command asks for, 1 for a trace that does not read.
/// </summary>
public class TraceAndCompareCommandTests
{
    private static string Kth => RepositoryRoot.Combine("traces", "KTH-SP2-1996-2.1-cln.swf.gz");

    private static (int Exit, string Output, string Error) Stats(string format, string path, string? usage = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = TraceCommand.Stats(format, path, output, error, usage);
        return (exit, output.ToString(), error.ToString());
    }

    [Test]
    public void TraceStats_OfAFileNamedAfterNoTable_IsOneLineWithExitCode2()
    {
        using var temp = new TempFolder();
        var path = temp.Write("machines.csv", "m_1,0,1,1,64,50,USING\n");

        var (exit, output, error) = Stats("alibaba-2018", path);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1));
        Assert.That(error, Does.StartWith("error: trace file '" + path + "'").And.Contain("machine_meta, batch_task"));
    }

    [Test]
    public void TraceStats_WithUsage_CountsTheTasksItCovers_AndABadUsageRowIsExitCode1()
    {
        using var temp = new TempFolder();
        var tasks = temp.Write("batch_task.csv", "M1,2,j_1,1,Terminated,0,100,100,1\nM1,1,j_2,1,Terminated,10,100,100,1\n");
        var usage = temp.Write("batch_instance.csv", "ins_1,M1,j_1,1,Terminated,0,100,m_1,1,1,50,60,1,1\n");

        var (exit, output, _) = Stats("alibaba-2018", tasks, usage);

        Assert.That(exit, Is.EqualTo(0));
        Assert.That(output, Does.Match(@"\ntasks with trace usage +2\n").And.Match(@"\ntasks without \(framework's usage:\) +1\n"));
        temp.Write("batch_instance.csv", "ins_1,M1,j_1,1,Terminated,0,100,m_1,1,1,50,60,1\n");
        var (bad, _, error) = Stats("alibaba-2018", tasks, usage);
        Assert.That(bad, Is.EqualTo(1));
        Assert.That(error, Is.EqualTo($"error: {usage}:1: field 'mem_max' (column 14): expected 14 fields (instance_name, task_name, job_name, task_type, status, start_time, end_time, machine_id, seq_no, total_seq_no, cpu_avg, cpu_max, mem_avg, mem_max), found 13 fields\n"));
        Assert.That(Stats("swf", Kth, usage).Error, Is.EqualTo("error: --usage: swf traces have no usage table (google-2011 and alibaba-2018 do)\n"));
    }

    [Test]
    public void TraceStats_OfAGzipCutShort_IsOneLineNamingTheFileWithExitCode1()
    {
        using var temp = new TempFolder();
        var whole = File.ReadAllBytes(Kth);
        var path = temp.Combine("cut.swf.gz");
        File.WriteAllBytes(path, whole[..(whole.Length / 2)]);

        var (exit, _, error) = Stats("swf", path);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Does.StartWith("error: " + path + ": gzip data:"));
        Assert.That(error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    public void TraceStats_ShowsWhatTheTraceHoldsBesideWhatAReplayKeeps()
    {
        var (exit, output, _) = Stats("swf", Kth);

        Assert.That(exit, Is.EqualTo(0));
        var lines = output.Split('\n');
        Assert.That(lines[1], Is.EqualTo("sizes: one processor = cpus:1 (trace option 'processor')"));
        Assert.That(lines.Single(l => l.StartsWith("jobs ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Is.EqualTo(new[] { "jobs", "28476", "28467" }));
        Assert.That(lines.Single(l => l.StartsWith("skipped: ZeroRunTime", StringComparison.Ordinal)), Does.EndWith(" 8"));
    }

    [Test]
    public void Compare_OfTwoSimulationFolders_IsRejectedWithExitCode2()
    {
        using var temp = new TempFolder();
        var file = temp.Write("tiny.yaml", """
            name: tiny
            horizon: 1h
            cluster: { agents: [ { count: 2, resources: "cpus:4;mem:8192" } ] }
            frameworks:
              - name: batch
                role: a
                workload: { synthetic: { jobs: 3, arrival: { every: 1m }, tasksPerJob: { constant: 2 }, taskDuration: { constant: 2m }, task: "cpus:1;mem:1024" } }
            """);
        var runner = new ExperimentRunner(ExperimentParser.ParseFile(file), null, 1);
        var first = temp.Combine("first");
        var second = temp.Combine("second");
        runner.Run(first, runner.Plan());
        runner.Run(second, runner.Plan());
        var output = new StringWriter();
        var error = new StringWriter();

        int exit = CompareCommand.Compare(first, second, temp.Combine("compare"), 2.5, output, error);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error.ToString(), Does.StartWith($"error: {Path.Combine(second, "run.json")}: mode: expected the output folder of a live run"));
        Assert.That(Directory.Exists(temp.Combine("compare")), Is.False, "nothing is written");
    }

    /// <summary>The clustersim command as a user runs it, from the build next to the tests.</summary>
    private static (int Exit, string Output, string Error) Clustersim(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot.Combine(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "clustersim.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    [Test]
    public void Clustersim_UsageError_IsOneLineAndExitCode2()
    {
        var (exit, _, error) = Clustersim("trace", "stats", "swf");

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("error: Required argument missing"));
        Assert.That(error, Does.Not.Contain("   at "));
    }

    [Test]
    public void Clustersim_TraceStatsOfAFileNamedAfterNoTable_EndsWithoutAStackTrace()
    {
        using var temp = new TempFolder();
        var path = temp.Write("machines.csv", "m_1,0,1,1,64,50,USING\n");

        var (exit, output, error) = Clustersim("trace", "stats", "alibaba-2018", path);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), error);
    }
}
