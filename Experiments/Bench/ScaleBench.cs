using System.Diagnostics;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Bench;

/// <summary>
/// Measures whole simulated runs of the scale experiments. Each size runs in a child process of its own, so
/// that its peak working set is its own (a process's peak never comes down) and no run warms the JIT or the
/// heap for the next. Each variant of a file is measured on its own, with its first seed, simulated exactly as
/// <c>clustersim run</c> would, but with no per-run CSV files: the benchmark measures the simulator, not the disk.
/// </summary>
public static class ScaleBench
{
    /// <summary>Marker before the result line a child prints, so other output cannot be mistaken for it.</summary>
    public const string ResultMarker = "scale-result\t";

    /// <summary>Marker before the progress lines a child prints every second: simulated seconds, tasks done,
    /// events.</summary>
    public const string ProgressMarker = "scale-progress\t";

    /// <summary>The variants of an experiment file, in order; each is measured on its own.</summary>
    public static IReadOnlyList<string> Variants(string file) =>
        ExperimentParser.ParseFile(file).Variants.Select(v => v.Variant).ToArray();

    /// <summary>How far a variant of an experiment simulates, or <paramref name="horizon"/> when given.</summary>
    public static double SimulatedSeconds(string file, string variant, Duration? horizon) =>
        horizon?.Seconds ?? ExperimentParser.ParseFile(file).Variants.First(v => v.Variant == variant).Horizon.Seconds;

    /// <summary>Runs one variant of an experiment in this process (optionally stopping at
    /// <paramref name="horizon"/>); with <paramref name="progress"/>, prints a progress line every second.</summary>
    public static ScaleResult Measure(string file, string variant, Duration? horizon, TextWriter? progress = null)
    {
        var experiment = ExperimentParser.ParseFile(file);
        var spec = experiment.Variants.FirstOrDefault(v => v.Variant == variant)
                   ?? throw new InvalidOperationException($"no variant named '{variant}' in {file}");
        if (horizon is { } h) spec = spec with { Horizon = h };
        var reached = new RunProgress(variant, spec.Horizon.Seconds);
        // The simulation runs on this thread; a timer thread of the benchmark (not of the simulator) reads how far
        // it has got, so the run itself is exactly the one `clustersim run` makes.
        using var ticker = progress == null
            ? null
            : new Timer(_ => progress.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{ProgressMarker}{reached.SimulatedSeconds:R}\t{reached.TasksDone}\t{reached.Events}")), null, 1000, 1000);
        var result = new SimulationRun(spec, spec.Seeds[0], directory: null, reached).Execute();
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var name = experiment.Variants.Count > 1 ? $"{experiment.Name}/{variant}" : experiment.Name;
        return new ScaleResult(name, spec.Cluster.StaticAgentCount, result.Summary.TasksSubmitted,
            result.Summary.TasksCompleted, result.Events, result.SimulatedSeconds, result.WallSeconds, self.PeakWorkingSet64,
            GC.GetTotalPauseDuration().TotalSeconds, GC.CollectionCount(2), GC.GetTotalAllocatedBytes(precise: true),
            GC.CollectionCount(0), GC.CollectionCount(1), self.TotalProcessorTime.TotalSeconds);
    }

    /// <summary>Runs <see cref="Measure"/> in a child process of this same program and reads its result,
    /// passing on how far it has got to <paramref name="progress"/>.</summary>
    public static ScaleResult MeasureInChild(string file, string variant, Duration? horizon, RunProgress? progress = null)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, UseShellExecute = false };
        var program = Cli.ThisProgram.Command();
        var host = program[0];
        start.FileName = host;
        foreach (var arg in program.Skip(1)) start.ArgumentList.Add(arg);
        start.ArgumentList.Add("bench");
        start.ArgumentList.Add("--single");
        start.ArgumentList.Add(file);
        start.ArgumentList.Add("--variant");
        start.ArgumentList.Add(variant);
        start.ArgumentList.Add("--progress");
        if (horizon is { } h)
        {
            start.ArgumentList.Add("--horizon");
            start.ArgumentList.Add(h.Seconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "s");
        }
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {host}");
        string? result = null;
        while (child.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith(ResultMarker, StringComparison.Ordinal)) result = line[ResultMarker.Length..];
            else if (line.StartsWith(ProgressMarker, StringComparison.Ordinal)) Report(line[ProgressMarker.Length..], progress);
        }
        child.WaitForExit();
        progress?.Finish();
        if (child.ExitCode != 0 || result == null)
            throw new InvalidOperationException($"the benchmark run of {file} ({variant}) failed (exit code {child.ExitCode})");
        return ScaleResult.Parse(result);
    }

    private static void Report(string line, RunProgress? progress)
    {
        var f = line.Split('\t');
        var c = System.Globalization.CultureInfo.InvariantCulture;
        if (progress != null && f.Length == 3 && double.TryParse(f[0], c, out var seconds)
            && long.TryParse(f[1], c, out var tasks) && long.TryParse(f[2], c, out var events))
            progress.Report(seconds, tasks, events);
    }
}
