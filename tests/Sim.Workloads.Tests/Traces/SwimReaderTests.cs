using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Traces;
using ClusterSim.Workloads.Traces.Swim;

namespace ClusterSim.Workloads.Tests.Traces;

public class SwimReaderTests
{
    private const long MB = 1L << 20;

    [Test]
    public void Sample_JobsAndTaskCounts_MatchTheModelAppliedByTheTest()
    {
        var rows = SampleTraces.Lines(SampleTraces.Swim).Select(l => l.Split('\t')).ToList();
        var withData = rows.Where(r => r.Skip(3).Any(f => long.Parse(f) > 0)).ToList();
        static long Ceil(long a, long b) => (a + b - 1) / b;
        long expectedTasks = withData.Sum(r =>
            Math.Max(1, Ceil(long.Parse(r[3]), 128 * MB)) + Ceil(long.Parse(r[4]), 1024 * MB));
        var report = new TraceReport();

        var jobs = new SwimReader(SampleTraces.Swim).ReadJobs(report).ToList();

        Assert.That(report.Rows, Is.EqualTo(rows.Count));
        Assert.That(jobs, Has.Count.EqualTo(withData.Count));
        Assert.That(report.SkippedFor(SkipReason.NoData), Is.EqualTo(rows.Count - withData.Count));
        Assert.That(jobs.Sum(j => j.Tasks.Count), Is.EqualTo(expectedTasks));
        Assert.That(jobs[0].Id, Is.EqualTo("job0"));
        Assert.That(jobs[0].Submit, Is.EqualTo(Time.FromSeconds(49)));
        Assert.That(jobs.Select(j => j.Submit), Is.Ordered);
    }

    [Test]
    public void Job_BecomesMapsPerBlockAndReducesThatDependOnEveryMap()
    {
        using var dir = new TempFolder();
        // 300 MB in → 3 maps of 100 MB; 2.5 GB shuffle → 3 reduces; 300 MB out.
        var path = dir.Write("w.tsv", $"j1\t10\t10\t{300 * MB}\t{2560 * MB}\t{300 * MB}");

        var job = new SwimReader(path).ReadJobs(new TraceReport()).Single();

        var maps = job.Tasks.Where(t => t.Name == "map").ToList();
        var reduces = job.Tasks.Where(t => t.Name == "reduce").ToList();
        Assert.That(maps, Has.Count.EqualTo(3));
        Assert.That(reduces, Has.Count.EqualTo(3));
        Assert.That(maps.Select(m => m.Parents), Is.All.Empty);
        Assert.That(reduces.Select(r => r.Parents), Is.All.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(maps[0].Duration, Is.EqualTo(Duration.FromSeconds(100.0 / 50)));
        Assert.That(reduces[0].Duration, Is.EqualTo(Duration.FromSeconds((2560.0 + 300) / 3 / 50)));
        Assert.That(job.Tasks.Select(t => t.Request), Is.All.EqualTo(Resources.Of(cpus: 1, mem: 2048)));
        Assert.That(job.Tasks.Select(t => t.Index), Is.EqualTo(Enumerable.Range(0, 6)));
    }

    [Test]
    public void MapOnlyJob_HasOneMapAtLeastAndItsMapsWriteTheOutput()
    {
        using var dir = new TempFolder();
        var path = dir.Write("w.tsv", "j1\t0\t0\t0\t0\t" + (200 * MB), "j2\t1\t1\t0\t0\t0");
        var report = new TraceReport();

        var job = new SwimReader(path).ReadJobs(report).Single();

        Assert.That(job.Tasks, Has.Count.EqualTo(1));
        Assert.That(job.Tasks[0].Duration, Is.EqualTo(Duration.FromSeconds(200.0 / 50)));
        Assert.That(report.SkippedFor(SkipReason.NoData), Is.EqualTo(1));
    }

    [Test]
    public void NegativeBytes_IsMalformedAndNamed()
    {
        using var dir = new TempFolder();
        var path = dir.Write("w.tsv", "j1\t0\t0\t5\t5\t5", "j2\t1\t1\t5\t-5\t5");

        var error = Assert.Throws<TraceFormatException>(() => new SwimReader(path).ReadJobs(new TraceReport()).ToList());

        Assert.That(error!.Message, Does.Contain("w.tsv:2:").And.Contain("shuffle bytes").And.Contain("-5"));
    }

    [Test]
    public void MissingColumn_IsMalformedAndNamed()
    {
        using var dir = new TempFolder();
        var path = dir.Write("w.tsv", "j1\t0\t0\t5\t5");

        var error = Assert.Throws<TraceFormatException>(() => new SwimReader(path).ReadJobs(new TraceReport()).ToList());

        Assert.That(error!.Field, Is.EqualTo("reduce output bytes"));
        Assert.That(error.Line, Is.EqualTo(1));
    }
}
