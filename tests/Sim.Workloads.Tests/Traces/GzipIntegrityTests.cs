using System.IO.Compression;
using System.Text;
using ClusterSim.Workloads.Traces;
using ClusterSim.Workloads.Traces.Swf;
using ClusterSim.Workloads.Traces.Swim;

namespace ClusterSim.Workloads.Tests.Traces;

public class GzipIntegrityTests
{
    private static readonly string[] SwimRows = Enumerable.Range(0, 400)
        .Select(i => $"job{i}\t{i * 10}\t10\t{1 + i % 7}000000\t{i % 3}00000\t{i % 5}0000").ToArray();

    /// <summary>
    /// The first <paramref name="kept"/> rows compressed and sync-flushed, then the rest, then the trailer; and
    /// the length of the compressed prefix that decompresses to exactly the kept rows (a cut at a line boundary).
    /// </summary>
    private static (byte[] Whole, int CutAt) GzipWithFlushPoint(string[] rows, int kept)
    {
        var memory = new MemoryStream();
        int cutAt;
        using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(string.Join("\n", rows.Take(kept)) + "\n"));
            gzip.Flush();
            cutAt = (int)memory.Length;
            gzip.Write(Encoding.UTF8.GetBytes(string.Join("\n", rows.Skip(kept)) + "\n"));
        }
        return (memory.ToArray(), cutAt);
    }

    [Test]
    public void GzipCutAtALineBoundary_IsAnErrorNamingTheFile_NotAShorterTrace()
    {
        using var dir = new TempFolder();
        var (whole, cutAt) = GzipWithFlushPoint(SwimRows, 150);
        var path = Path.Combine(dir.Path, "cut.tsv.gz");
        File.WriteAllBytes(path, whole[..cutAt]);
        // The cut file is what the bug read: exactly 150 whole rows, with no error from GZipStream itself.
        Assert.That(SampleTraces.Lines(path).Count(), Is.EqualTo(150));

        var error = Assert.Throws<TraceFormatException>(() => new SwimReader(path).ReadJobs(new TraceReport()).ToList());

        Assert.That(error!.File, Is.EqualTo(path));
        Assert.That(error.Message, Does.StartWith(path + ": gzip data: expected a complete gzip file"));
        Assert.That(error.Message, Does.Contain("cut short"));
    }

    [Test]
    public void GzipCutInsideItsTrailer_IsAnError()
    {
        using var dir = new TempFolder();
        var (whole, _) = GzipWithFlushPoint(SwimRows, 150);
        var path = Path.Combine(dir.Path, "cut.tsv.gz");
        File.WriteAllBytes(path, whole[..^3]);

        Assert.That(() => new SwimReader(path).ReadJobs(new TraceReport()).ToList(),
            Throws.TypeOf<TraceFormatException>().With.Property("File").EqualTo(path));
    }

    [Test]
    public void GzipWithADamagedChecksum_IsAnErrorNamingTheFile()
    {
        using var dir = new TempFolder();
        var (whole, _) = GzipWithFlushPoint(SwimRows, 150);
        whole[^6] ^= 0x01; // a bit of the CRC-32
        var path = Path.Combine(dir.Path, "damaged.tsv.gz");
        File.WriteAllBytes(path, whole);

        var error = Assert.Throws<TraceFormatException>(() => new SwimReader(path).ReadJobs(new TraceReport()).ToList());

        Assert.That(error!.Message, Does.StartWith(path + ": gzip data:"));
    }

    [Test]
    public void SwfCutAtALineBoundary_IsAnError()
    {
        var lines = SampleTraces.Lines(SampleTraces.Swf).ToArray();
        using var dir = new TempFolder();
        var (whole, cutAt) = GzipWithFlushPoint(lines, lines.Length / 2);
        var path = Path.Combine(dir.Path, "cut.swf.gz");
        File.WriteAllBytes(path, whole[..cutAt]);

        Assert.That(() => new SwfReader(path).ReadJobs(new TraceReport()).ToList(),
            Throws.TypeOf<TraceFormatException>().With.Message.Contains("cut short"));
    }

    [Test]
    public void WholeGzip_ReadsEveryRow()
    {
        using var dir = new TempFolder();
        var (whole, _) = GzipWithFlushPoint(SwimRows, 150);
        var path = Path.Combine(dir.Path, "whole.tsv.gz");
        File.WriteAllBytes(path, whole);

        var report = new TraceReport();
        var jobs = new SwimReader(path).ReadJobs(report).ToList();

        Assert.That(report.Rows, Is.EqualTo(SwimRows.Length));
        Assert.That(jobs.Last().Id, Is.EqualTo("job399"));
    }

    [Test]
    public void GzipOfSeveralMembers_ReadsEveryMembersRows()
    {
        // gzip a b > c writes one member per input; the trailer at the end covers the last member only.
        using var dir = new TempFolder();
        var first = dir.WriteGzip("a.gz", SwimRows[..100]);
        var second = dir.WriteGzip("b.gz", SwimRows[100..]);
        var path = Path.Combine(dir.Path, "both.tsv.gz");
        File.WriteAllBytes(path, File.ReadAllBytes(first).Concat(File.ReadAllBytes(second)).ToArray());

        var report = new TraceReport();
        var jobs = new SwimReader(path).ReadJobs(report).ToList();

        Assert.That(report.Rows, Is.EqualTo(SwimRows.Length));
        Assert.That(jobs.Last().Id, Is.EqualTo("job399"));
    }

    [Test]
    public void GzipOfSeveralMembers_CutInsideTheLastMember_IsAnError()
    {
        using var dir = new TempFolder();
        var first = File.ReadAllBytes(dir.WriteGzip("a.gz", SwimRows[..100]));
        var (second, cutAt) = GzipWithFlushPoint(SwimRows[100..], 150);
        var path = Path.Combine(dir.Path, "both.tsv.gz");
        File.WriteAllBytes(path, first.Concat(second[..cutAt]).ToArray());

        Assert.That(() => new SwimReader(path).ReadJobs(new TraceReport()).ToList(),
            Throws.TypeOf<TraceFormatException>().With.Message.Contains("cut short"));
    }

    [Test]
    public void FileNamedGzThatIsNotGzip_IsAnErrorNamingTheFile()
    {
        using var dir = new TempFolder();
        var path = dir.Write("plain.tsv.gz", SwimRows[..5]);

        Assert.That(() => new SwimReader(path).ReadJobs(new TraceReport()).ToList(),
            Throws.TypeOf<TraceFormatException>().With.Message.StartsWith(path + ": gzip data:"));
    }
}
