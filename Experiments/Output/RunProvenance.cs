using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using ClusterSim.Experiments.Model;

namespace ClusterSim.Experiments.Output;

/// <summary>
/// Where a run's results came from, as run.json records it: the project's git commit and whether its tree
/// was dirty (when run from a clone), the command line and working folder, the machine (cores, memory, OS,
/// .NET), and the SHA-256 of every trace file the experiment reads (for a trace folder, every CSV file in it
/// and in its sub-folders, which is where the readers look).
/// </summary>
public sealed record RunProvenance(
    SourceRevision? Revision,
    IReadOnlyList<string> CommandLine,
    string WorkingDirectory,
    IReadOnlyList<(string Path, long Bytes, string Sha256)> Traces)
{
    public static RunProvenance Collect(IEnumerable<ExperimentSpec> variants) =>
        new(SourceRevision.Find(), Environment.GetCommandLineArgs(), Environment.CurrentDirectory, HashTraces(variants));

    /// <summary>The trace files of <paramref name="variants"/>, each once, in path order, with their sizes and hashes.</summary>
    public static IReadOnlyList<(string Path, long Bytes, string Sha256)> HashTraces(IEnumerable<ExperimentSpec> variants)
    {
        var sources = variants.SelectMany(v => v.Frameworks.SelectMany(f => (f.RoleWorkloads?.Select(w => w.Workload) ?? [f.Workload]).Select(w => w?.Trace)).Append(v.Cluster.FromTrace))
            .OfType<TraceSource>().Select(t => t.Path).Distinct(StringComparer.Ordinal);
        var files = sources.SelectMany(path => Directory.Exists(path)
                ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(IsCsv)
                : File.Exists(path) ? [path] : [])
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return files.Select(f =>
        {
            using var stream = File.OpenRead(f);
            return (f, stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
        }).ToArray();
    }

    private static bool IsCsv(string file) =>
        file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes the provenance as properties of the JSON object being written.</summary>
    public void Write(Utf8JsonWriter json)
    {
        if (Revision is { } r)
        {
            json.WriteStartObject("git");
            json.WriteString("commit", r.Commit);
            json.WriteBoolean("dirty", r.Dirty);
            json.WriteEndObject();
        }
        else json.WriteNull("git");
        json.WriteStartArray("command_line");
        foreach (var arg in CommandLine) json.WriteStringValue(arg);
        json.WriteEndArray();
        json.WriteString("working_directory", WorkingDirectory);
        json.WriteStartObject("machine");
        json.WriteNumber("cores", Environment.ProcessorCount);
        json.WriteNumber("memory_bytes", GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        json.WriteString("os", RuntimeInformation.OSDescription);
        json.WriteString("architecture", RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant());
        json.WriteString("dotnet", RuntimeInformation.FrameworkDescription);
        json.WriteEndObject();
        json.WriteStartArray("traces");
        foreach (var (path, bytes, sha) in Traces)
        {
            json.WriteStartObject();
            json.WriteString("path", path);
            json.WriteNumber("bytes", bytes);
            json.WriteString("sha256", sha);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
