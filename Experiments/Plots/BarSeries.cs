namespace ClusterSim.Experiments.Plots;

/// <summary>One bar per group (NaN: no bar), with an optional interval from <see cref="Low"/> to <see cref="High"/>.</summary>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values, IReadOnlyList<double>? Low = null, IReadOnlyList<double>? High = null);
