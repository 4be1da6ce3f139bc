namespace ClusterSim.Experiments.Plots;

/// <summary>
/// The values a metric can take. Intervals are clipped to it before they are drawn: a t interval around a
/// mean wait near zero reaches below zero, but no wait is negative, and no utilisation passes 100%.
/// </summary>
public readonly record struct Domain(double Min, double Max)
{
    public static readonly Domain Any = new(double.NegativeInfinity, double.PositiveInfinity);
    public static readonly Domain NonNegative = new(0, double.PositiveInfinity);
    public static readonly Domain Fraction = new(0, 1);

    public double Clamp(double value) => double.IsNaN(value) ? value : Math.Clamp(value, Min, Max);
}
