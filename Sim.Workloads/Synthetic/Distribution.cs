using System.Globalization;
using MathNet.Numerics.Distributions;

namespace ClusterSim.Workloads.Synthetic;

/// <summary>
/// A distribution of a positive quantity (task counts, durations in seconds), drawn through MathNet.Numerics
/// from the run's seeded streams, optionally clamped to [<see cref="Min"/>, <see cref="Max"/>].
/// Parameters: constant(value); uniform(low, high); exponential(mean); lognormal(median, sigma) whose
/// log-mean is ln(median); pareto(scale, shape) with scale the minimum value; normal(mean, sd);
/// weibull(shape, scale).
/// </summary>
public sealed record Distribution(DistributionKind Kind, double A, double B = 0)
{
    public double? Min { get; init; }
    public double? Max { get; init; }

    public static Distribution Constant(double value) => new(DistributionKind.Constant, value);

    public double Sample(System.Random random)
    {
        double v = Kind switch
        {
            DistributionKind.Constant => A,
            DistributionKind.Uniform => ContinuousUniform.Sample(random, A, B),
            DistributionKind.Exponential => Exponential.Sample(random, 1.0 / A),
            DistributionKind.LogNormal => LogNormal.Sample(random, Math.Log(A), B),
            DistributionKind.Pareto => Pareto.Sample(random, A, B),
            DistributionKind.Normal => Normal.Sample(random, A, B),
            DistributionKind.Weibull => Weibull.Sample(random, A, B),
            _ => throw new InvalidOperationException($"unknown distribution kind {Kind}"),
        };
        if (Min is { } min && v < min) v = min;
        if (Max is { } max && v > max) v = max;
        return v;
    }

    /// <summary>The mean of the unclamped distribution (for analytic checks such as M/M/c).</summary>
    public double Mean => Kind switch
    {
        DistributionKind.Constant => A,
        DistributionKind.Uniform => (A + B) / 2,
        DistributionKind.Exponential => A,
        DistributionKind.LogNormal => A * Math.Exp(B * B / 2),
        DistributionKind.Pareto => B > 1 ? B * A / (B - 1) : double.PositiveInfinity,
        DistributionKind.Normal => A,
        DistributionKind.Weibull => B * MathNet.Numerics.SpecialFunctions.Gamma(1 + 1 / A),
        _ => double.NaN,
    };

    public override string ToString()
    {
        static string F(double x) => x.ToString("0.###", CultureInfo.InvariantCulture);
        var core = Kind switch
        {
            DistributionKind.Constant => $"constant {F(A)}",
            DistributionKind.Uniform => $"uniform [{F(A)}, {F(B)}]",
            DistributionKind.Exponential => $"exponential mean {F(A)}",
            DistributionKind.LogNormal => $"lognormal median {F(A)} sigma {F(B)}",
            DistributionKind.Pareto => $"pareto scale {F(A)} shape {F(B)}",
            DistributionKind.Normal => $"normal mean {F(A)} sd {F(B)}",
            DistributionKind.Weibull => $"weibull shape {F(A)} scale {F(B)}",
            _ => Kind.ToString(),
        };
        return core + (Min is { } lo ? $", min {F(lo)}" : "") + (Max is { } hi ? $", max {F(hi)}" : "");
    }
}
