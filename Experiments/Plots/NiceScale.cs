namespace ClusterSim.Experiments.Plots;

/// <summary>
/// The outcome of <see cref="NiceTicks"/>: the axis range actually drawn and the tick values on it. For a log axis
/// <see cref="Step"/> is the spacing in decades (1 = every power of ten).
/// </summary>
public sealed record NiceScale(double Min, double Max, double Step, IReadOnlyList<double> Ticks);
