using ClusterSim.Fuzz.Targets;

namespace ClusterSim.Workloads.Tests.Traces;

/// <summary>
/// Every input of tests/fuzz-corpus (the seeds the fuzzer mutates and the inputs that once failed) goes
/// through its target as the fuzzer runs it: read, or rejected with the project's own error naming the file.
/// </summary>
public class FuzzCorpusTests
{
    private static string Corpus
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClusterSim.sln"))) dir = dir.Parent;
            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("no ClusterSim.sln above the tests"), "tests", "fuzz-corpus");
        }
    }

    private static IEnumerable<TestCaseData> Inputs() =>
        FuzzTargets.All.SelectMany(t => Directory.GetFiles(Path.Combine(Corpus, t.Name))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new TestCaseData(t.Name, Path.GetFileName(f)).SetName($"Corpus_{t.Name}_{Path.GetFileName(f)}")));

    [TestCaseSource(nameof(Inputs))]
    public void CorpusInput_IsReadOrRejectedWithALocation(string targetName, string file)
    {
        var target = FuzzTargets.Find(targetName)!;
        var input = File.ReadAllBytes(Path.Combine(Corpus, targetName, file));
        using var dir = new TempFolder();
        var path = Path.Combine(dir.Path, target.FileName);
        File.WriteAllBytes(path, input);

        Assert.That(() => target.Run(input, path), Throws.Nothing);
    }

    [Test]
    public void EveryTarget_HasASeed()
    {
        foreach (var target in FuzzTargets.All)
            Assert.That(Directory.GetFiles(Path.Combine(Corpus, target.Name), "seed-*"), Is.Not.Empty, target.Name);
    }

    [Test]
    public void FoundInputs_AreRejectedWithTheProjectsOwnErrors()
    {
        // Each found-* input once crashed a parser; it must now be an error of the project's own.
        Assert.That(() => ClusterSim.Core.Resources.ResourceSet.Parse(File.ReadAllText(Path.Combine(Corpus, "resources", "found-overflow.txt"))),
            Throws.TypeOf<ClusterSim.Core.Resources.ResourceFormatException>());
        foreach (var (format, target, file) in new[]
                 {
                     (Workloads.Traces.TraceFormat.Swf, "swf", "found-submit-overflow.swf"),
                     (Workloads.Traces.TraceFormat.Swf, "swf", "found-maxprocs-hang.swf"),
                     (Workloads.Traces.TraceFormat.Swf, "swf-gzip", "found-bad-method.swf.gz"),
                     (Workloads.Traces.TraceFormat.Swf, "swf-gzip", "found-cut-short.swf.gz"),
                     (Workloads.Traces.TraceFormat.Swim, "swim", "found-maps-overflow.tsv"),
                     (Workloads.Traces.TraceFormat.Google2011, "google-task-events", "found-cpu-overflow.csv"),
                     (Workloads.Traces.TraceFormat.Alibaba2018, "alibaba-batch-task", "found-instances-overflow.csv"),
                 })
        {
            using var dir = new TempFolder();
            var path = Path.Combine(dir.Path, FuzzTargets.Find(target)!.FileName);
            File.Copy(Path.Combine(Corpus, target, file), path);
            Assert.That(() => Workloads.Traces.TraceStatistics.Compute(format, path),
                Throws.TypeOf<Workloads.Traces.TraceFormatException>().With.Property("File").EqualTo(path), file);
        }
    }
}
