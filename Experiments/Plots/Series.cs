namespace ClusterSim.Experiments.Plots;

/// <summary>
/// One named line. Points are drawn in the order given (sort by X for a time series). A point whose X or Y is not
/// finite (NaN, ∞) breaks the line, so a gap in the data shows as a gap rather than as a made-up straight segment.
/// </summary>
/// <param name="Name">Shown in the legend and in tooltips.</param>
/// <param name="Points">The data, in data units (seconds for a time axis).</param>
/// <param name="Step">
/// Draw as a step function: each value holds until the next point's X. Right for samples of a state (utilisation
/// sampled every N s) and for empirical CDFs; a sloped line would show changes that never happened in between.
/// </param>
public sealed record Series(string Name, IReadOnlyList<(double X, double Y)> Points, bool Step = false);
