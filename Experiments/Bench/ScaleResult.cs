using System.Globalization;

namespace ClusterSim.Experiments.Bench;

/// <summary>What one whole-simulation scale run cost: its size, the work it did, and the wall time, memory and
/// garbage-collection pauses it took. The bytes allocated, the collections of each generation and the CPU time
/// are steadier figures than the wall time on a shared machine: they compare two builds under any load.</summary>
public sealed record ScaleResult(
    string Experiment,
    int Agents,
    long TasksSubmitted,
    long TasksCompleted,
    long Events,
    double SimulatedSeconds,
    double WallSeconds,
    long PeakWorkingSetBytes,
    double GcPauseSeconds = 0,
    int Gen2Collections = 0,
    long AllocatedBytes = 0,
    int Gen0Collections = 0,
    int Gen1Collections = 0,
    double CpuSeconds = 0)
{
    /// <summary>Which of the repeated runs of its experiment this is (<c>bench --repeat</c>), from 1. Set by the
    /// parent; not part of <see cref="ToLine"/>, which a child writes for one run.</summary>
    public int Repeat { get; init; } = 1;

    public double EventsPerSecond => WallSeconds > 0 ? Events / WallSeconds : double.NaN;

    /// <summary>Simulated seconds per wall-clock second.</summary>
    public double SimulatedToWall => WallSeconds > 0 ? SimulatedSeconds / WallSeconds : double.NaN;

    public double PeakWorkingSetMegabytes => PeakWorkingSetBytes / (1024.0 * 1024.0);

    public double AllocatedMegabytes => AllocatedBytes / (1024.0 * 1024.0);

    /// <summary>Wall microseconds per submitted task: flat across sizes when cost grows linearly with the work.</summary>
    public double MicrosecondsPerTask => TasksSubmitted > 0 ? WallSeconds * 1e6 / TasksSubmitted : double.NaN;

    /// <summary>One line a parent process can read back with <see cref="Parse"/>.</summary>
    public string ToLine() => string.Join('\t', Experiment, Agents.ToString(CultureInfo.InvariantCulture),
        TasksSubmitted.ToString(CultureInfo.InvariantCulture), TasksCompleted.ToString(CultureInfo.InvariantCulture),
        Events.ToString(CultureInfo.InvariantCulture), SimulatedSeconds.ToString("R", CultureInfo.InvariantCulture),
        WallSeconds.ToString("R", CultureInfo.InvariantCulture), PeakWorkingSetBytes.ToString(CultureInfo.InvariantCulture),
        GcPauseSeconds.ToString("R", CultureInfo.InvariantCulture), Gen2Collections.ToString(CultureInfo.InvariantCulture),
        AllocatedBytes.ToString(CultureInfo.InvariantCulture), Gen0Collections.ToString(CultureInfo.InvariantCulture),
        Gen1Collections.ToString(CultureInfo.InvariantCulture), CpuSeconds.ToString("R", CultureInfo.InvariantCulture));

    public static ScaleResult Parse(string line)
    {
        var f = line.Split('\t');
        if (f.Length != 14) throw new FormatException($"expected 14 tab-separated fields, found {f.Length}: '{line}'");
        var c = CultureInfo.InvariantCulture;
        return new ScaleResult(f[0], int.Parse(f[1], c), long.Parse(f[2], c), long.Parse(f[3], c), long.Parse(f[4], c),
            double.Parse(f[5], c), double.Parse(f[6], c), long.Parse(f[7], c), double.Parse(f[8], c), int.Parse(f[9], c),
            long.Parse(f[10], c), int.Parse(f[11], c), int.Parse(f[12], c), double.Parse(f[13], c));
    }
}
