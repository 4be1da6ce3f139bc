using System.Globalization;
using ClusterSim.Workloads.Traces;

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
        Assert.That(rows.Single(r => r.Label == "format").Value, Is.EqualTo("swf"));
        Assert.That(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(rows.Count));
        Assert.That(text, Does.Contain("jobs"));
    }
}
