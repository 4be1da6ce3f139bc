using MathNet.Numerics.Statistics;

namespace ClusterSim.Experiments.Bench;

/// <summary>
/// The spread of one experiment's repeated scale runs (<c>clustersim bench --repeat N</c>): a shared machine's
/// speed drifts by tens of percent within an hour, so one run's wall time says little and a target is judged on
/// the median and the range of several.
/// </summary>
public sealed record BenchSpread(string Experiment, int Agents, int Runs, double WallMin, double WallMedian, double WallMax,
    double PeakWorkingSetMegabytesMax, double GcPauseMin, double GcPauseMax)
{
    /// <summary>One spread per experiment (and variant), in the order each first appears in
    /// <paramref name="results"/>.</summary>
    public static IReadOnlyList<BenchSpread> Of(IReadOnlyList<ScaleResult> results) =>
        results.GroupBy(r => r.Experiment).Select(g =>
        {
            var walls = g.Select(r => r.WallSeconds).ToArray();
            return new BenchSpread(g.Key, g.First().Agents, walls.Length, walls.Min(), walls.Median(), walls.Max(),
                g.Max(r => r.PeakWorkingSetMegabytes), g.Min(r => r.GcPauseSeconds), g.Max(r => r.GcPauseSeconds));
        }).ToArray();
}
