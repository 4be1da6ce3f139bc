using ClusterSim.Workloads.Synthetic;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// Reads a distribution: one of <c>constant, uniform, exponential, lognormal, pareto, normal, weibull</c>,
/// optionally clamped by <c>min</c> and <c>max</c>.
/// </summary>
public static class DistributionSection
{
    private static readonly string[] Kinds = ["constant", "uniform", "exponential", "lognormal", "pareto", "normal", "weibull"];

    /// <summary>Reads the distribution at <paramref name="d"/>; <paramref name="value"/> reads one of its values
    /// (a count, or a duration in seconds).</summary>
    public static Distribution Read(YamlNode d, Func<YamlNode, double> value)
    {
        d.WithKeys([.. Kinds, "min", "max"]);
        double Positive(YamlNode n)
        {
            var v = value(n);
            if (!(v > 0)) throw n.Error($"expected a positive value, found '{n.Text()}'");
            return v;
        }
        var kind = d.OneOf(Kinds) ?? throw d.Error("expected one of " + string.Join(", ", Kinds));
        var body = d.Optional(kind) ?? throw d.Error($"{kind}: expected its parameters");
        Distribution result;
        switch (kind)
        {
            case "constant":
                result = new Distribution(DistributionKind.Constant, value(body));
                break;
            case "uniform":
                var b = body.Items();
                if (b.Count != 2) throw body.Error("expected [low, high]");
                double lo = value(b[0]), hi = value(b[1]);
                if (!(hi >= lo)) throw body.Error("expected high >= low");
                result = new Distribution(DistributionKind.Uniform, lo, hi);
                break;
            case "exponential":
                body.WithKeys("mean");
                result = new Distribution(DistributionKind.Exponential, Positive(body.Required("mean", "the mean")));
                break;
            case "lognormal":
                {
                    body.WithKeys("median", "sigma");
                    var sigma = body.Required("sigma", "the log-scale standard deviation").Number();
                    if (!(sigma >= 0)) throw body.Error("expected sigma >= 0");
                    result = new Distribution(DistributionKind.LogNormal, Positive(body.Required("median", "the median")), sigma);
                    break;
                }
            case "pareto":
                {
                    body.WithKeys("scale", "shape");
                    var shape = body.Required("shape", "the shape (alpha)").Number();
                    if (!(shape > 0)) throw body.Error("expected shape > 0");
                    result = new Distribution(DistributionKind.Pareto, Positive(body.Required("scale", "the scale (minimum value)")), shape);
                    break;
                }
            case "normal":
                {
                    body.WithKeys("mean", "sd");
                    var sd = value(body.Required("sd", "the standard deviation"));
                    if (!(sd >= 0)) throw body.Error("expected sd >= 0");
                    result = new Distribution(DistributionKind.Normal, value(body.Required("mean", "the mean")), sd) { Min = 0 };
                    break;
                }
            default:
                {
                    body.WithKeys("shape", "scale");
                    var shape = body.Required("shape", "the shape").Number();
                    if (!(shape > 0)) throw body.Error("expected shape > 0");
                    result = new Distribution(DistributionKind.Weibull, shape, Positive(body.Required("scale", "the scale")));
                    break;
                }
        }
        if (d.Optional("min") is { } mn) result = result with { Min = value(mn) };
        if (d.Optional("max") is { } mx) result = result with { Max = value(mx) };
        return result;
    }

    /// <summary>The smallest value a draw can take, after the clamp.</summary>
    public static double Lowest(Distribution d)
    {
        double low = d.Kind switch
        {
            DistributionKind.Constant => d.A,
            DistributionKind.Uniform => d.A,
            DistributionKind.Pareto => d.A,
            DistributionKind.Weibull or DistributionKind.Exponential or DistributionKind.LogNormal => 0,
            _ => double.NegativeInfinity,
        };
        if (d.Min is { } min) low = Math.Max(low, min);
        if (d.Max is { } max) low = Math.Min(low, max);
        return low;
    }

    /// <summary>The largest value a draw can take, after the clamp; infinity when unbounded.</summary>
    public static double Highest(Distribution d)
    {
        double high = d.Kind switch
        {
            DistributionKind.Constant => d.A,
            DistributionKind.Uniform => d.B,
            _ => double.PositiveInfinity,
        };
        if (d.Max is { } max) high = Math.Min(high, max);
        if (d.Min is { } min) high = Math.Max(high, min);
        return high;
    }
}
