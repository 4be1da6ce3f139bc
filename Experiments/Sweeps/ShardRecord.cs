using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using ClusterSim.Experiments.Model;
using ClusterSim.Experiments.Output;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Sweeps;

/// <summary>
/// What a shard leaves beside its runs' folders, as shard.json: which experiment file (path and SHA-256) and
/// variant filter it ran, which share, where and how long, its provenance, and each run's result exactly (every
/// number written so that it reads back to the same double), so that <c>clustersim merge</c> computes the
/// combined outputs from the very numbers a whole run would. A run's task waits and completion times are left
/// out: the combined outputs do not read them (the CDFs come from the runs' jobs.csv) and a large run has
/// millions.
/// </summary>
public sealed record ShardRecord(
    string Experiment,
    string File,
    string FilePath,
    string FileSha256,
    string? Variant,
    Shard Shard,
    string Version,
    string Host,
    int Jobs,
    double WallSeconds,
    JsonElement Provenance,
    IReadOnlyList<RunResult> Runs)
{
    public const string FileName = "shard.json";

    private static readonly JsonSerializerOptions ResultOptions = new()
    {
        // Tuples (a summary's per-role and per-framework breakdown) are fields; NaN marks a metric with no value.
        IncludeFields = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The SHA-256 of a file's bytes, lower-case hex.</summary>
    public static string Sha256(string path)
    {
        using var stream = System.IO.File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The record of a shard of <paramref name="file"/> that has just run on this machine.</summary>
    public static ShardRecord Of(ExperimentFile file, string? variant, Shard shard, int jobs, double wallSeconds, IReadOnlyList<RunResult> runs)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            RunProvenance.Collect(file.Variants.Where(v => variant == null || v.Variant == variant)).Write(json);
            json.WriteEndObject();
        }
        var provenance = JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
        var full = Path.GetFullPath(file.Path);
        return new ShardRecord(file.Name, file.Path, full, Sha256(full), variant, shard, ExperimentRunner.Version,
            Environment.MachineName, jobs, wallSeconds, provenance, runs);
    }

    /// <summary>The run's name in messages and run.json: "VARIANT seed N".</summary>
    public static string RunName(string variant, long seed) => string.Create(CultureInfo.InvariantCulture, $"{variant} seed {seed}");

    public void Write(string dir)
    {
        using var stream = System.IO.File.Create(Path.Combine(dir, FileName));
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("experiment", Experiment);
        json.WriteString("file", File);
        json.WriteString("file_path", FilePath);
        json.WriteString("file_sha256", FileSha256);
        json.WriteString("variant", Variant);
        json.WriteString("shard", Shard.ToString());
        json.WriteString("version", Version);
        json.WriteString("host", Host);
        json.WriteNumber("jobs", Jobs);
        json.WriteNumber("wall_seconds", Math.Round(WallSeconds, 3));
        json.WritePropertyName("provenance");
        Provenance.WriteTo(json);
        json.WriteStartArray("runs");
        foreach (var run in Runs)
            JsonSerializer.Serialize(json, run with { Waits = [], CompletionTimes = [] }, ResultOptions);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Reads DIR/shard.json; a <see cref="SweepException"/> naming the file and key when it is missing or
    /// not what a shard writes.</summary>
    public static ShardRecord Read(string dir)
    {
        var path = Path.Combine(dir, FileName);
        if (!Directory.Exists(dir)) throw new SweepException($"{dir}: no such folder");
        if (!System.IO.File.Exists(path))
            throw new SweepException($"{dir}: no {FileName} in it; a shard is the --out folder of `clustersim run FILE --shard K/N` (is the shard still running, or did it fail?)");
        try
        {
            using var document = JsonDocument.Parse(System.IO.File.ReadAllBytes(path));
            var root = document.RootElement;
            string Text(string key) => Get(root, key).GetString() ?? throw Bad(key, "a string");
            var shardText = Text("shard");
            var shard = Shard.Parse(shardText, int.MaxValue, out var error) ?? throw Bad("shard", "K/N: " + error);
            var runs = Get(root, "runs").EnumerateArray()
                .Select((r, i) => r.Deserialize<RunResult>(ResultOptions) ?? throw Bad($"runs[{i}]", "a run's result"))
                .ToArray();
            return new ShardRecord(Text("experiment"), Text("file"), Text("file_path"), Text("file_sha256"),
                Get(root, "variant").GetString(), shard, Text("version"), Text("host"), Get(root, "jobs").GetInt32(),
                Get(root, "wall_seconds").GetDouble(), Get(root, "provenance").Clone(), runs);
        }
        catch (JsonException e)
        {
            throw new SweepException($"{path}:{e.LineNumber + 1}: not a shard record: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new SweepException($"{path}: not a shard record: {e.Message}", e);
        }

        JsonElement Get(JsonElement root, string key) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty(key, out var value) ? value : throw Bad(key, "present");

        SweepException Bad(string key, string expected) => new($"{path}: {key}: expected {expected}");
    }
}
