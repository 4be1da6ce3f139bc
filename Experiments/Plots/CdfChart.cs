namespace ClusterSim.Experiments.Plots;

/// <summary>
/// Empirical CDFs, e.g. of job completion time per variant. A CDF shows the whole distribution (median, tail,
/// spread) in one picture, which a table of percentiles does not. It is drawn as a step line chart on a fixed 0..1
/// y axis; pass a log x axis (<see cref="Axis.Log"/>) when samples span orders of magnitude.
/// </summary>
/// <example>
/// <code>
/// var svg = CdfChart.FromSamples("Job completion time", Axis.Log("Completion time", "s"),
///     [("drf", drfSeconds), ("random", randomSeconds)]).ToSvg();
/// </code>
/// </example>
public static class CdfChart
{
    /// <summary>Builds the chart; non-finite samples are ignored, and a variant with none is listed but not drawn.</summary>
    public static LineChart FromSamples(
        string title,
        Axis xAxis,
        IReadOnlyList<(string Name, IReadOnlyList<double> Samples)> samples,
        string yTitle = "Fraction of jobs") =>
        new()
        {
            Title = title,
            XAxis = xAxis,
            YAxis = Axis.Fraction(yTitle),
            Series = samples.Select(s => new Series(s.Name, Points(s.Samples), Step: true)).ToList(),
        };

    /// <summary>
    /// The step points of the empirical CDF: a start at (smallest sample, 0), then (v, fraction of samples ≤ v) for
    /// each distinct value v in ascending order. Ties collapse into one step, which also keeps the point count down.
    /// </summary>
    public static IReadOnlyList<(double X, double Y)> Points(IEnumerable<double> samples)
    {
        var sorted = samples.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0) return [];
        var points = new List<(double X, double Y)> { (sorted[0], 0) };
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i + 1 < sorted.Length && sorted[i + 1] == sorted[i]) continue;
            points.Add((sorted[i], (i + 1) / (double)sorted.Length));
        }
        return points;
    }
}
