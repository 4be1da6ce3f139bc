using ClusterSim.Workloads.Traces;
using ClusterSim.Workloads.Traces.Swim;

namespace ClusterSim.Workloads.Tests.Traces;

public class TraceFileTests
{
    [Test]
    public void GzippedFile_WithoutGzSuffix_IsRecognisedByItsMagicBytes()
    {
        using var dir = new TempFolder();
        var path = dir.WriteGzip("workload.tsv", "j1\t0\t0\t1\t0\t0", "j2\t5\t5\t1\t0\t0");

        var jobs = new SwimReader(path).ReadJobs(new TraceReport()).ToList();

        Assert.That(jobs.Select(j => j.Id), Is.EqualTo(new[] { "j1", "j2" }));
    }

    [Test]
    public void MissingFile_NamesThePath()
    {
        var error = Assert.Throws<FileNotFoundException>(() => new SwimReader("/no/such/trace.tsv").ReadJobs(new TraceReport()).ToList());

        Assert.That(error!.Message, Does.Contain("/no/such/trace.tsv"));
    }

    [Test]
    public void InvalidOptions_AreRejectedAtTheEdge()
    {
        Assert.That(() => TraceReaders.Open(TraceFormat.Swim, "x", new TraceOptions { SampleFraction = 0 }),
            Throws.ArgumentException.With.Message.Contains("sample fraction"));
        Assert.That(() => TraceReaders.Open(TraceFormat.Swim, "x", new TraceOptions { TimeScale = -1 }),
            Throws.ArgumentException.With.Message.Contains("time scale"));
    }
}
