namespace ClusterSim.Experiments.Plots;

/// <summary>
/// The unit a time axis is labelled in: seconds for short runs, minutes, or hours for the multi-hour runs
/// experiments usually are, so tick labels stay short numbers a reader takes in at a glance.
/// </summary>
public sealed record TimeUnit(string Name, double Seconds)
{
    public static TimeUnit For(double longestSeconds) =>
        longestSeconds >= 3 * 3600 ? new TimeUnit("h", 3600) : longestSeconds >= 600 ? new TimeUnit("min", 60) : new TimeUnit("s", 1);

    /// <summary>The series with its x (seconds) in this unit.</summary>
    public LineSeries Apply(LineSeries series) => series with { X = series.X.Select(x => x / Seconds).ToArray() };
}
