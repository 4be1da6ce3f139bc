using System.IO.Compression;
using System.Text;
using ClusterSim.Fuzz.Targets;
using ClusterSim.Workloads.Traces;
using ClusterSim.Workloads.Traces.Swf;
using ClusterSim.Workloads.Traces.Swim;
using CsCheck;

namespace ClusterSim.Workloads.Tests.Traces;

/// <summary>
/// Properties of the trace readers over generated inputs (CsCheck, one thread, a fixed number of cases, a few
/// seconds each): a mutated valid input is read or rejected with a <see cref="TraceFormatException"/> naming
/// its file, never another exception; a gzip cut anywhere is an error; every job line is kept or counted as
/// skipped.
/// </summary>
public class TraceReaderPropertyTests
{
    private static readonly string[] Interesting =
        ["", "-1", "0", "101", "1e300", "NaN", "Infinity", "9223372036854775807", "-9223372036854775808", "x", "0.5", "4294967296"];

    private static string Seed(string target) =>
        File.ReadAllText(Directory.GetFiles(Path.Combine(CorpusFolder, target), "seed-*").OrderBy(f => f, StringComparer.Ordinal).First());

    private static string CorpusFolder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClusterSim.sln"))) dir = dir.Parent;
            return Path.Combine(dir!.FullName, "tests", "fuzz-corpus");
        }
    }

    /// <summary>A mutation of a text: which kind, where (as a fraction of the text), and which value.</summary>
    private static readonly Gen<(int Kind, double At, double To, int Value)> Mutation =
        Gen.Select(Gen.Int[0, 4], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Int[0, Interesting.Length - 1]);

    private static string Apply(string text, IEnumerable<(int Kind, double At, double To, int Value)> mutations)
    {
        foreach (var (kind, at, to, value) in mutations)
        {
            int a = (int)(at * text.Length), b = (int)(to * text.Length);
            (a, b) = (Math.Min(a, b), Math.Max(a, b));
            text = kind switch
            {
                0 => ReplaceField(text, a, Interesting[value]),
                1 => text[..a] + text[b..],                                   // delete a range
                2 => text[..a] + text[a..b] + text[a..],                      // repeat a range
                3 => text[..a],                                               // cut
                _ => text[..a] + Interesting[value] + text[a..],              // insert a value
            };
        }
        return text;
    }

    private static string ReplaceField(string text, int at, string value)
    {
        static bool Separator(char c) => c is ',' or '\t' or ' ' or '\n' or ';' or ':';
        int start = at, end = at;
        while (start > 0 && !Separator(text[start - 1])) start--;
        while (end < text.Length && !Separator(text[end])) end++;
        return text[..start] + value + text[end..];
    }

    [TestCase("swf")]
    [TestCase("swim")]
    [TestCase("google-task-events")]
    [TestCase("google-job-events")]
    [TestCase("google-machine-events")]
    [TestCase("alibaba-machine-meta")]
    [TestCase("alibaba-batch-task")]
    [TestCase("google-task-usage")]
    [TestCase("alibaba-batch-instance")]
    public void MutatedValidInput_IsReadOrRejectedWithTheFileNamed(string targetName)
    {
        var target = FuzzTargets.Find(targetName)!;
        var seed = Seed(targetName);
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, target.FileName);

        Mutation.Array[1, 4].Sample(mutations =>
        {
            var input = Encoding.UTF8.GetBytes(Apply(seed, mutations));
            File.WriteAllBytes(path, input);
            target.Run(input, path); // throws FuzzFinding, or the unexpected exception itself
        }, iter: 400, threads: 1, print: m => Apply(seed, m));
    }

    [Test]
    public void GzipCutAnywhere_IsAnErrorNamingTheFile()
    {
        var lines = SampleTraces.Lines(SampleTraces.Swim).Take(200).ToArray();
        var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));
        var whole = memory.ToArray();
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "w.tsv.gz");

        Gen.Int[0, whole.Length - 1].Sample(cut =>
        {
            File.WriteAllBytes(path, whole[..cut]);
            Assert.That(() => new SwimReader(path).ReadJobs(new TraceReport()).ToList(),
                Throws.TypeOf<TraceFormatException>().With.Property("File").EqualTo(path));
        }, iter: 300, threads: 1);
    }

    [Test]
    public void GzipOfSeveralMembers_ReadsAsOne_WhereverItIsSplit()
    {
        var lines = SampleTraces.Lines(SampleTraces.Swim).Take(200).ToArray();
        var text = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "w.tsv.gz");

        Gen.Int[0, text.Length].Array[1, 3].Sample(splits =>
        {
            var bounds = splits.Append(0).Append(text.Length).Distinct().Order().ToArray();
            using (var file = File.Create(path))
                for (int i = 0; i + 1 < bounds.Length; i++)
                    using (var member = new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true))
                        member.Write(text, bounds[i], bounds[i + 1] - bounds[i]);
            var report = new TraceReport();

            var jobs = new SwimReader(path).ReadJobs(report).Count();

            Assert.That(report.Rows, Is.EqualTo(lines.Length));
            Assert.That(jobs + report.SkippedTotal, Is.EqualTo(lines.Length));
        }, iter: 100, threads: 1);
    }

    [Test]
    public void SwfJobLines_AreEachKeptOrCountedAsSkipped()
    {
        var number = Gen.OneOf(Gen.Const(-1L), Gen.Long[0, 200]);
        var job = Gen.Select(Gen.Long[-1, 1000], number, number, number, Gen.Int[0, 5]);
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, "g.swf");

        job.Array[0, 30].Sample(jobs =>
        {
            // Submit times in nondecreasing order, as the format requires (unknown ones, -1, anywhere).
            long submit = 0;
            var lines = jobs.Select((j, i) =>
            {
                long s = j.Item1 < 0 ? -1 : submit += j.Item1 % 50;
                return $"{i + 1} {s} 0 {j.Item2} {j.Item3} -1 -1 {j.Item4} -1 -1 {j.Item5} 1 1 -1 -1 -1 -1 -1";
            });
            File.WriteAllLines(path, lines.Prepend("; MaxProcs: 100"));
            var report = new TraceReport();

            var kept = new SwfReader(path).ReadJobs(report).ToList();

            Assert.That(kept.Count + report.SkippedTotal, Is.EqualTo(jobs.Length));
            Assert.That(report.TraceJobs, Is.EqualTo(jobs.Length));
            Assert.That(kept.All(k => k.Tasks.Count is > 0 and <= 100), Is.True);
            Assert.That(report.TraceTasks, Is.EqualTo(jobs.Sum(j => j.Item3 > 0 ? j.Item3 : Math.Max(0, j.Item4))));
        }, iter: 500, threads: 1);
    }
}
