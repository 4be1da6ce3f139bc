using System.Globalization;
using ClusterSim.Workloads.Traces;
using ClusterSim.Workloads.Traces.Google2011;

namespace ClusterSim.Workloads.Tests.Traces;

public class TraceStatisticsTests
{
    [Test]
    public void Swf_OfferedLoad_IsWorkOverMaxProcsTimesSpan()
    {
        var jobs = SampleTraces.SwfJobs()
            .Select(j => (Submit: j[1], Run: j[3], Procs: j[4] > 0 ? j[4] : j[7]))
            .Where(j => j.Submit >= 0 && j.Run > 0 && j.Procs is > 0 and <= 100)
            .ToList();
        double work = jobs.Sum(j => j.Run * j.Procs);
        double span = jobs.Max(j => j.Submit) - jobs.Min(j => j.Submit);

        var stats = TraceStatistics.Compute(TraceFormat.Swf, SampleTraces.Swf);

        Assert.That(stats.Jobs, Is.EqualTo(jobs.Count));
        Assert.That(stats.Tasks, Is.EqualTo((long)jobs.Sum(j => j.Procs)));
        Assert.That(stats.Machines, Is.EqualTo(100));
        Assert.That(stats.Span.Seconds, Is.EqualTo(span));
        Assert.That(stats.CpuSeconds, Is.EqualTo(work).Within(1e-6).Percent);
        Assert.That(stats.OfferedLoad, Is.EqualTo(work / (100 * span)).Within(1e-9));
        Assert.That(stats.TotalRequest.Cpus, Is.EqualTo(jobs.Sum(j => j.Procs)));
    }

    [Test]
    public void Swim_HasNoMachinesSoNoOfferedLoad()
    {
        var stats = TraceStatistics.Compute(TraceFormat.Swim, SampleTraces.Swim);

        Assert.That(stats.Machines, Is.Zero);
        Assert.That(stats.PeakCapacity, Is.Null);
        Assert.That(stats.OfferedLoad, Is.Null);
        Assert.That(stats.Jobs, Is.EqualTo(SampleTraces.Lines(SampleTraces.Swim).Count() - stats.Report.SkippedTotal));
    }

    [Test]
    public void Alibaba_MachineCapacity_IsTheSumOfTheMachinesCpus()
    {
        var rows = SampleTraces.Lines(SampleTraces.AlibabaMachineMeta).Select(l => l.Split(',')).ToList();
        // Every machine of the sample that is ever USING stays so with one cpu_num: peak = sum over them.
        var usingRows = rows.Where(r => r[6] == "USING").ToList();
        double cpus = usingRows.GroupBy(r => r[0]).Sum(g => double.Parse(g.First()[4], CultureInfo.InvariantCulture));

        var stats = TraceStatistics.Compute(TraceFormat.Alibaba2018, SampleTraces.AlibabaMachineMeta);

        Assert.That(usingRows.GroupBy(r => r[0]).All(g => g.Select(r => r[4]).Distinct().Count() == 1));
        Assert.That(rows.GroupBy(r => r[0]).All(g => g.Any(r => r[6] == "USING") == g.All(r => r[6] == "USING")));
        Assert.That(stats.Machines, Is.EqualTo(usingRows.Select(r => r[0]).Distinct().Count()));
        Assert.That(stats.PeakCapacity!.Value.Cpus, Is.EqualTo(cpus));
        Assert.That(stats.Jobs, Is.Zero);
    }

    [Test]
    public void Rows_AreLabelledForATableAndRenderAsText()
    {
        var stats = TraceStatistics.Compute(TraceFormat.Swf, SampleTraces.Swf);

        var rows = stats.Rows();
        var text = stats.Render();

        Assert.That(rows.Select(r => r.Label), Does.Contain("jobs").And.Contain("offered load").And.Contain("skipped: ZeroRunTime"));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Is.EqualTo("swf: " + SampleTraces.Swf));
        Assert.That(lines[1], Is.EqualTo("sizes: one processor = cpus:1 (trace option 'processor')"));
        Assert.That(lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "trace", "replay" }));
        Assert.That(lines, Has.Length.EqualTo(rows.Count + 3));
    }

    [Test]
    public void Swf_TraceColumn_HoldsEveryJobLine_AndTheReplayWhatItKept()
    {
        var stats = TraceStatistics.Compute(TraceFormat.Swf, SampleTraces.Swf);

        var jobs = stats.Rows().Single(r => r.Label == "jobs");
        Assert.That(stats.Report.TraceJobs, Is.EqualTo(SampleTraces.SwfJobs().Count));
        Assert.That(stats.Report.TraceJobs, Is.EqualTo(stats.Jobs + stats.Report.SkippedTotal));
        Assert.That(stats.Report.TraceMachines, Is.EqualTo(100), "the header's MaxNodes");
        Assert.That((jobs.Trace, jobs.Replay), Is.EqualTo(("28476", "28467")));
    }

    [Test]
    public void Google_TasksNeverScheduled_CountInWhatTheTraceHolds_NotInTheReplay()
    {
        using var dir = new TempFolder();
        var path = dir.Write("task_events.csv",
            "5,,1,0,,0,alice,0,9,0.5,0.25,0,0", "5,,2,0,,0,bob,0,9,0.5,0.25,0,0", "6,,1,0,7,1,alice,0,9,0.5,0.25,0,0",
            "8,,2,0,,5,bob,0,9,0.5,0.25,0,0", "9,,1,0,7,4,alice,0,9,0.5,0.25,0,0");

        var stats = TraceStatistics.Compute(TraceFormat.Google2011, path);

        Assert.That((stats.Report.TraceJobs, stats.Report.TraceTasks), Is.EqualTo(((long?)2, (long?)2)));
        Assert.That((stats.Jobs, stats.Tasks), Is.EqualTo((1L, 1L)));
        Assert.That(stats.Report.SkippedFor(SkipReason.NeverScheduled), Is.EqualTo(1));
        Assert.That(stats.Rows().Single(r => r.Label == "machines"), Is.EqualTo(new StatisticRow("machines", "unknown", "unknown")),
            "a task_events part names no machines: unknown, not 0");
    }

    [Test]
    public void Google_StatesTheMachineSizeNormalisedRequestsWereScaledTo()
    {
        var options = new Google2011Options { MachineSize = ClusterSim.Core.Resources.Resources.Of(cpus: 64, mem: 262144) };

        var stats = TraceStatistics.Compute(new Google2011Reader(SampleTraces.GoogleTaskEvents, options));

        Assert.That(stats.Report.Scaling, Does.Contain("normalised").And.Contain("cpus:64;mem:262144"));
        Assert.That(stats.Render(), Does.Contain("sizes: normalised requests and capacities (1.0 = the largest machine) scaled to a machine of cpus:64;mem:262144"));
    }

    [Test]
    public void Swim_MachinesAndTasksTheTraceDoesNotGive_ReadUnknown()
    {
        var stats = TraceStatistics.Compute(TraceFormat.Swim, SampleTraces.Swim);

        var rows = stats.Rows().ToDictionary(r => r.Label);
        Assert.That(rows["machines"], Is.EqualTo(new StatisticRow("machines", "unknown", "unknown")));
        Assert.That(rows["tasks"].Trace, Is.EqualTo("unknown"));
        Assert.That(stats.Render(), Does.Not.Match(@"machines\s+0"));
    }

    [Test]
    public void Alibaba_StatesTheMachineMemoryUsed()
    {
        var stats = TraceStatistics.Compute(TraceFormat.Alibaba2018, SampleTraces.AlibabaMachineMeta);

        Assert.That(stats.Report.Scaling, Does.Contain("131072 MB"));
        Assert.That(stats.Report.TraceJobs, Is.Null, "machine_meta alone holds no jobs");
        Assert.That(stats.Report.TraceMachines, Is.EqualTo(SampleTraces.Lines(SampleTraces.AlibabaMachineMeta).Select(l => l.Split(',')[0]).Distinct().Count()));
    }
}
