namespace ClusterSim.Workloads.Tests;

/// <summary>The genuine trace samples in the repository's traces/ folder.</summary>
internal static class SampleTraces
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ClusterSim.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("no folder holding ClusterSim.sln above the test directory");
        return Path.Combine(dir.FullName, "traces");
    });

    public static string GoogleTaskEvents => Path.Combine(Folder.Value, "google2011_task_events_part-00001-of-00500.csv.gz");
    public static string GoogleJobEvents => Path.Combine(Folder.Value, "google2011_job_events_part-00001-of-00500.csv.gz");
    public static string Swf => Path.Combine(Folder.Value, "KTH-SP2-1996-2.1-cln.swf.gz");
    public static string Swim => Path.Combine(Folder.Value, "FB-2009_samples_24_times_1hr_0.tsv");
    public static string AlibabaMachineMeta => Path.Combine(Folder.Value, "alibaba2018_machine_meta.csv");

    /// <summary>The SWF sample's job lines as numbers, split by the test's own whitespace split.</summary>
    public static List<double[]> SwfJobs() =>
        Lines(Swf)
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith(';'))
            .Select(l => l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)
                .Select(f => double.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToArray())
            .ToList();

    /// <summary>The lines of a sample, gunzipped by the test itself (not by the reader under test).</summary>
    public static IEnumerable<string> Lines(string path)
    {
        using Stream file = File.OpenRead(path);
        using Stream data = path.EndsWith(".gz", StringComparison.Ordinal)
            ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionMode.Decompress)
            : file;
        using var reader = new StreamReader(data);
        while (reader.ReadLine() is { } line) yield return line;
    }
}
