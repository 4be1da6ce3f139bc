using ClusterSim.Core.Resources;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Model;
using ClusterSim.Workloads.Traces;
using ClusterSim.Workloads.Traces.Swf;

namespace ClusterSim.Workloads.Tests.Traces;

public class SwfReaderTests
{
    private static long Processors(double[] job) => job[4] > 0 ? (long)job[4] : (long)Math.Max(0, job[7]);

    private static bool Usable(double[] job) => job[1] >= 0 && job[3] > 0 && Processors(job) is > 0 and <= 100;

    [Test]
    public void Sample_JobsAndTasks_MatchAnIndependentScan()
    {
        var lines = SampleTraces.SwfJobs();
        var usable = lines.Where(Usable).ToList();
        var report = new TraceReport();

        var jobs = new SwfReader(SampleTraces.Swf).ReadJobs(report).ToList();

        Assert.That(report.Rows, Is.EqualTo(lines.Count));
        Assert.That(lines, Has.Count.EqualTo(28476), "the archive's MaxRecords");
        Assert.That(jobs, Has.Count.EqualTo(usable.Count));
        Assert.That(jobs.Sum(j => j.Tasks.Count), Is.EqualTo(usable.Sum(Processors)));
        Assert.That(report.Jobs + report.SkippedTotal, Is.EqualTo(lines.Count), "every job line is accounted for");
        Assert.That(report.SkippedFor(SkipReason.ZeroRunTime), Is.EqualTo(lines.Count(j => j[3] == 0)));
        Assert.That(jobs.Select(j => j.Submit), Is.Ordered);
    }

    [Test]
    public void Sample_FirstJob_IsARigidGangOfItsAllocatedProcessors()
    {
        var job = new SwfReader(SampleTraces.Swf).ReadJobs(new TraceReport()).First();

        // "15   599850 192180   3477    4 ..." is the first job line of the cleaned log.
        Assert.That(job.Id, Is.EqualTo("15"));
        Assert.That(job.Submit, Is.EqualTo(Time.FromSeconds(599850)));
        Assert.That(job.Tasks, Has.Count.EqualTo(4));
        Assert.That(job.Tasks.Select(t => t.Duration), Is.All.EqualTo(Duration.FromSeconds(3477)));
        Assert.That(job.Tasks.Select(t => t.Request), Is.All.EqualTo(Resources.Of(cpus: 1)));
        Assert.That(job.User, Is.EqualTo("12"));
    }

    [Test]
    public void Sample_Cluster_IsMaxNodesMachinesOfMaxProcsOverMaxNodes()
    {
        var machines = new SwfReader(SampleTraces.Swf).ReadMachines(new TraceReport()).ToList();

        Assert.That(machines, Has.Count.EqualTo(100));
        Assert.That(machines.Select(m => m.Capacity), Is.All.EqualTo(Resources.Of(cpus: 1)));
        Assert.That(machines.Select(m => m.Kind), Is.All.EqualTo(MachineChange.Add));
    }

    [Test]
    public void Header_KeysAreParsedFromCommentLines()
    {
        var header = SwfHeader.Read(SampleTraces.Swf);

        Assert.That(header.MaxProcs, Is.EqualTo(100));
        Assert.That(header.MaxNodes, Is.EqualTo(100));
        Assert.That(header.LineOf("MaxProcs"), Is.EqualTo(17));
        Assert.That(header.LineOf("Computer"), Is.EqualTo(2), "any '; Key: value' line is a key");
    }

    private static readonly string[] EdgeCases =
    [
        "; MaxNodes: 8",
        "; Note: no MaxProcs, so the cluster is MaxNodes processors",
        "1  0   5   100  -1  -1 -1  2  -1 -1 1 3 1 -1 -1 -1 -1 -1",   // allocated unknown: the requested 2
        "2\t10\t5\t-1\t4\t-1\t-1\t4\t-1\t-1\t1\t3\t1\t-1\t-1\t-1\t-1\t-1", // run time unknown
        "3  20  0    0   1  -1 -1  1  -1 -1 5 3 1 -1 -1 -1 -1 -1",   // cancelled at once: no work
        "4  30  0   50  -1  -1 -1 -1  -1 -1 1 3 1 -1 -1 -1 -1 -1",   // no processors at all
        "5  40  0   50  16  -1 -1 16  -1 -1 1 3 1 -1 -1 -1 -1 -1",   // wider than the cluster
        "6  50  0   70   8  -1 -1  8  -1 -1 0 -1 1 -1 -1 -1 -1 -1",  // failed, unknown user
        "7  -1  0   70   1  -1 -1  1  -1 -1 1 3 1 -1 -1 -1 -1 -1",   // submit unknown
    ];

    [Test]
    public void EdgeCases_UnknownFieldsAreCountedByReason()
    {
        using var dir = new TempFolder();
        var path = dir.Write("edge.swf", EdgeCases);
        var report = new TraceReport();

        var jobs = new SwfReader(path).ReadJobs(report).ToList();

        Assert.That(jobs.Select(j => j.Id), Is.EqualTo(new[] { "1", "6" }));
        Assert.That(jobs[0].Tasks, Has.Count.EqualTo(2));
        Assert.That(jobs[1].Tasks, Has.Count.EqualTo(8));
        Assert.That(jobs[1].Tasks[0].EndsAs, Is.EqualTo(TaskOutcome.Failed));
        Assert.That(jobs[1].User, Is.Null);
        Assert.That(report.Skipped, Is.EquivalentTo(new Dictionary<SkipReason, long>
        {
            [SkipReason.UnknownRunTime] = 1,
            [SkipReason.ZeroRunTime] = 1,
            [SkipReason.NoProcessors] = 1,
            [SkipReason.LargerThanCluster] = 1,
            [SkipReason.UnknownSubmitTime] = 1,
        }));
        Assert.That(new SwfReader(path).ReadMachines(new TraceReport()).Count(), Is.EqualTo(8));
    }

    [Test]
    public void MalformedLine_NamesFileLineAndField()
    {
        using var dir = new TempFolder();
        var path = dir.Write("bad.swf", "; MaxProcs: 4", "1 0 0 10 1 -1 -1 1 -1 -1 1 1 1 -1 -1 -1 -1 -1",
            "2 5 0 10 x -1 -1 1 -1 -1 1 1 1 -1 -1 -1 -1 -1");

        var error = Assert.Throws<TraceFormatException>(() => new SwfReader(path).ReadJobs(new TraceReport()).ToList());

        Assert.That(error!.Message, Does.Contain("bad.swf:3:").And.Contain("allocated processors").And.Contain("'x'"));
    }

    [Test]
    public void ShortLine_NamesTheFirstMissingField()
    {
        using var dir = new TempFolder();
        var path = dir.Write("short.swf", "; MaxProcs: 4", "1 0 0 10 1 -1 -1 1 -1 -1 1 1 1 -1 -1 -1 -1");

        var error = Assert.Throws<TraceFormatException>(() => new SwfReader(path).ReadJobs(new TraceReport()).ToList());

        Assert.That(error!.Line, Is.EqualTo(2));
        Assert.That(error.Field, Is.EqualTo("think time"));
        Assert.That(error.Expected, Does.Contain("18"));
        Assert.That(error.Found, Is.EqualTo("17"));
    }

    [Test]
    public void WindowAndTimeScale_ShiftAndCompressTimes()
    {
        var options = new SwfOptions
        {
            Trace = new TraceOptions { From = Duration.FromSeconds(600000), To = Duration.FromSeconds(610000), TimeScale = 2 },
        };
        var expected = SampleTraces.SwfJobs().Where(j => Usable(j) && j[1] >= 600000 && j[1] < 610000).ToList();

        var jobs = new SwfReader(SampleTraces.Swf, options).ReadJobs(new TraceReport()).ToList();

        Assert.That(jobs, Has.Count.EqualTo(expected.Count));
        Assert.That(jobs[0].Submit, Is.EqualTo(Time.FromSeconds((expected[0][1] - 600000) / 2)));
        Assert.That(jobs[0].Tasks[0].Duration, Is.EqualTo(Duration.FromSeconds(expected[0][3] / 2)));
    }

    [Test]
    public void Sampling_IsDeterministicPerSeedAndKeepsAboutTheFraction()
    {
        static IReadOnlyList<string> Ids(long seed) => new SwfReader(SampleTraces.Swf,
                new SwfOptions { Trace = new TraceOptions { SampleFraction = 0.25, Seed = seed } })
            .ReadJobs(new TraceReport()).Select(j => j.Id).ToList();

        var all = new SwfReader(SampleTraces.Swf).ReadJobs(new TraceReport()).Count();
        var first = Ids(7);

        Assert.That(Ids(7), Is.EqualTo(first));
        Assert.That(Ids(8), Is.Not.EqualTo(first));
        Assert.That(first.Count, Is.InRange(all * 0.22, all * 0.28));
    }
}
