namespace ClusterSim.Experiments.Plots;

/// <summary>
/// A line over x, with an optional band from <see cref="Low"/> to <see cref="High"/> (a confidence interval);
/// <see cref="Step"/> holds each value until the next point, as a sampled state is held.
/// </summary>
public sealed record LineSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y,
    IReadOnlyList<double>? Low = null, IReadOnlyList<double>? High = null, bool Step = false);
