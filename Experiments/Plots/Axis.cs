namespace ClusterSim.Experiments.Plots;

/// <summary>
/// What an axis shows. The title and unit are printed as "Title (unit)"; a chart without units on its axes cannot
/// be compared with another one, so the unit has its own slot instead of being left to the title.
/// </summary>
/// <param name="Title">What is measured, e.g. "CPU utilisation".</param>
/// <param name="Unit">The unit, e.g. "%" or "s"; null for dimensionless values. Ignored when <see cref="IsTime"/>.</param>
public sealed record Axis(string Title, string? Unit = null)
{
    public AxisScale Scale { get; init; } = AxisScale.Linear;

    /// <summary>Fixed lower bound (in data units; seconds for a time axis); null to fit the data.</summary>
    public double? Min { get; init; }

    /// <summary>Fixed upper bound (in data units; seconds for a time axis); null to fit the data.</summary>
    public double? Max { get; init; }

    /// <summary>Stretch a fitted range to include zero, so that bar lengths and levels are not exaggerated.</summary>
    public bool IncludeZero { get; init; }

    /// <summary>
    /// The values are seconds; the axis is labelled in s, min or h, whichever suits the range, so a 6-hour run reads
    /// 0–6 h rather than 0–21600 s.
    /// </summary>
    public bool IsTime { get; init; }

    /// <summary>A time axis over values in seconds, e.g. simulated time.</summary>
    public static Axis Time(string title = "Simulated time") => new(title) { IsTime = true };

    /// <summary>A 0..100 % axis, for utilisation and similar.</summary>
    public static Axis Percent(string title) => new(title, "%") { Min = 0, Max = 100 };

    /// <summary>A 0..1 axis, for shares and cumulative fractions.</summary>
    public static Axis Fraction(string title) => new(title) { Min = 0, Max = 1 };

    /// <summary>A logarithmic axis.</summary>
    public static Axis Log(string title, string? unit = null) => new(title, unit) { Scale = AxisScale.Log };
}
