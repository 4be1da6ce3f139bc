using System.Globalization;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Cli;
using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Running;
using ClusterSim.Workloads.Traces;

namespace ClusterSim.Experiments.Tests.Running;

public class TraceReplayTests
{
    private static string Kth => RepositoryRoot.Combine("traces", "KTH-SP2-1996-2.1-cln.swf.gz");

    [Test]
    public void A_Replay_ConservesWork_AndSubmitsWhatTraceStatsCounts()
    {
        using var temp = new TempFolder();
        var yaml = $$"""
            name: kth-window
            horizon: 60d
            sample: 1h
            cluster:
              agents:
                - { count: 100, resources: "cpus:1;mem:1024" }
            frameworks:
              - name: kth
                role: hpc
                kind: gang
                backfill: true
                workload: { trace: { format: swf, path: "{{Kth}}", from: 0s, to: 8d } }
            """;
        var file = temp.Write("kth.yaml", yaml);
        var runner = new ExperimentRunner(ExperimentParser.ParseFile(file), null, 1);
        var dir = temp.Combine("out");
        runner.Run(dir, runner.Plan());

        var stats = TraceStatistics.Compute(TraceFormat.Swf, Kth, new TraceOptions { To = Duration.FromHours(8 * 24) });
        var summary = File.ReadAllLines(Path.Combine(dir, "summary.csv"))[1].Split(',');
        Assert.That(long.Parse(summary[5], CultureInfo.InvariantCulture), Is.EqualTo(stats.Tasks), "tasks submitted = tasks the trace holds in the window");
        Assert.That(long.Parse(summary[3], CultureInfo.InvariantCulture), Is.EqualTo(stats.Jobs));
        var tasks = File.ReadAllLines(Path.Combine(dir, "runs", "base", "seed-1", "tasks.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.That(tasks, Has.Count.EqualTo(stats.Tasks), "every task read is accounted for");
        Assert.That(tasks.Select(t => t[8]).Distinct(), Is.SubsetOf(new[] { "FINISHED", "FAILED", "KILLED", "LOST", "PENDING", "RUNNING", "STAGING" }));
        Assert.That(tasks.Count(t => t[8] is "FINISHED" or "FAILED"), Is.GreaterThan(stats.Tasks / 2));
    }

    [Test]
    public void TraceStats_PrintsWhatTheTraceHolds_AndRejectsAnUnknownFormat()
    {
        var output = new StringWriter();
        Assert.That(TraceCommand.Stats("swf", Kth, output), Is.EqualTo(0));
        Assert.That(output.ToString(), Does.Contain("jobs").And.Contain("28467").And.Contain("offered load"));
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.That(TraceCommand.Stats("borg", Kth, new StringWriter()), Is.EqualTo(2));
        }
        finally
        {
            Console.SetError(saved);
        }
        Assert.That(error.ToString(), Does.Contain("google-2011, swf, swim, alibaba-2018"));
    }
}
