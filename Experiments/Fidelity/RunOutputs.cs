using System.Text.Json;

namespace ClusterSim.Experiments.Fidelity;

/// <summary>
/// One run read back from an output folder of <c>clustersim run</c>: its mode, time scale and seed (run.json),
/// its summary row and its per-run CSV files. A folder with several variants or seeds is read at the
/// first variant and the given seed (or its first).
/// </summary>
public sealed class RunOutputs
{
    private RunOutputs(string directory, string mode, double timeScale, double containerStartMean, string variant, long seed, Dictionary<string, string> summary, CsvRows summaryRows)
    {
        Directory = directory;
        Mode = mode;
        TimeScale = timeScale;
        ContainerStartMeanSeconds = containerStartMean;
        Variant = variant;
        Seed = seed;
        Summary = summary;
        var runDir = Path.Combine(directory, "runs", variant, $"seed-{seed}");
        TimeSeries = CsvRows.Read(Path.Combine(runDir, "timeseries.csv"));
        Shares = CsvRows.Read(Path.Combine(runDir, "shares.csv"));
        Tasks = CsvRows.Read(Path.Combine(runDir, "tasks.csv"));
        Jobs = CsvRows.Read(Path.Combine(runDir, "jobs.csv"));
        SummaryRows = summaryRows;
    }

    public string Directory { get; }
    public string Mode { get; }
    public double TimeScale { get; }

    /// <summary>A live run's mean wall time from launch request to container start, as its agents measured it (NaN: not known).</summary>
    public double ContainerStartMeanSeconds { get; }
    public string Variant { get; }
    public long Seed { get; }
    public Dictionary<string, string> Summary { get; }
    public CsvRows SummaryRows { get; }
    public CsvRows TimeSeries { get; }
    public CsvRows Shares { get; }
    public CsvRows Tasks { get; }
    public CsvRows Jobs { get; }

    public double Metric(string name) => SummaryRows.Number(Summary, name);

    public static RunOutputs Read(string directory, long? seed = null)
    {
        var runJson = Path.Combine(directory, "run.json");
        if (!File.Exists(runJson)) throw new FileNotFoundException($"{runJson} does not exist; expected the output folder of a clustersim run");
        using var doc = JsonDocument.Parse(File.ReadAllText(runJson));
        var root = doc.RootElement;
        var mode = root.TryGetProperty("mode", out var m) ? m.GetString() ?? "simulation" : "simulation";
        var scale = root.TryGetProperty("time_scale", out var t) ? t.GetDouble() : 1;
        var starts = root.TryGetProperty("container_start_mean_s", out var c) ? c.GetDouble() : double.NaN;
        var summary = CsvRows.Read(Path.Combine(directory, "summary.csv"));
        if (summary.Rows.Count == 0) throw new InvalidDataException($"{Path.Combine(directory, "summary.csv")} has no runs");
        var variant = summary.Rows[0]["variant"];
        var row = summary.Rows.FirstOrDefault(r => r["variant"] == variant && (seed == null || r["seed"] == seed.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            ?? throw new InvalidDataException($"{Path.Combine(directory, "summary.csv")} has no run of variant {variant} with seed {seed}; run the simulation with the live run's seed");
        return new RunOutputs(directory, mode, scale, starts, variant, long.Parse(row["seed"], System.Globalization.CultureInfo.InvariantCulture), row, summary);
    }

    /// <summary>Each task's start delay (start - submit, seconds) for every task that started.</summary>
    public double[] StartDelays() => Tasks.Rows
        .Select(r => Tasks.Number(r, "start_s") - Tasks.Number(r, "submit_s")).Where(double.IsFinite).ToArray();

    /// <summary>How long each finished task ran (end - start, seconds).</summary>
    public double[] TaskDurations() => Tasks.Rows.Where(r => r["state"] == "FINISHED")
        .Select(r => Tasks.Number(r, "end_s") - Tasks.Number(r, "start_s")).Where(double.IsFinite).ToArray();

    /// <summary>Completion time (end - submit, seconds) of every finished job.</summary>
    public double[] CompletionTimes() => Jobs.Rows.Where(r => r["state"] == "FINISHED")
        .Select(r => Jobs.Number(r, "end_s") - Jobs.Number(r, "submit_s")).Where(double.IsFinite).ToArray();

    /// <summary>CPU in use over time, as a fraction of the cluster's cpus.</summary>
    public IReadOnlyList<(double X, double Y)> CpuUtilisation() => TimeSeries.Rows.Select(r =>
    {
        double total = TimeSeries.Number(r, "cpus_total");
        return (TimeSeries.Number(r, "time_s"), total > 0 ? TimeSeries.Number(r, "cpus_allocated") / total : 0);
    }).ToArray();

    public IReadOnlyList<string> Roles() => Shares.Rows.Select(r => r["role"]).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>A role's weighted dominant share over time (one point per sample).</summary>
    public IReadOnlyList<(double X, double Y)> RoleShare(string role) => Shares.Rows.Where(r => r["role"] == role)
        .GroupBy(r => Shares.Number(r, "time_s")).Select(g => (g.Key, Shares.Number(g.First(), "role_share"))).ToArray();

    /// <summary>A role's mean weighted dominant share over the samples.</summary>
    public double MeanRoleShare(string role)
    {
        var points = RoleShare(role);
        return points.Count == 0 ? double.NaN : points.Average(p => p.Y);
    }
}
