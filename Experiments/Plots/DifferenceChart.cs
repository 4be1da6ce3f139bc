using System.Globalization;
using ClusterSim.Experiments.Output;

namespace ClusterSim.Experiments.Plots;

/// <summary>
/// The paired differences of differences.csv as bars: a panel per metric (metrics differ in unit and scale),
/// a bar per variant compared with its baseline, whiskers for the 95% interval. A bar whose whisker crosses
/// the zero line is a difference the seeds do not establish.
/// </summary>
public static class DifferenceChart
{
    public static Figure Build(string name, IReadOnlyList<PairedDifference> rows)
    {
        if (rows.Count == 0) throw new ArgumentException("no differences to draw", nameof(rows));
        var comparisons = rows.Select(Label).Distinct().ToArray();
        var panels = rows.GroupBy(r => r.Metric).Select(metric =>
        {
            var series = comparisons.Select(c => metric.FirstOrDefault(r => Label(r) == c) is { } r
                ? new BarSeries(c, [r.MeanDifference], [r.CiLow], [r.CiHigh])
                : new BarSeries(c, [double.NaN])).ToArray();
            var p = metric.Select(r => r.PT).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Min();
            var title = double.IsNaN(p) ? metric.Key : $"{metric.Key} (smallest paired-t p = {p.ToString("0.###", CultureInfo.InvariantCulture)})";
            return BarPanel.Draw(title, "Difference (variant - baseline)", [""], series, Domain.Any);
        }).ToArray();
        return new Figure(name, "Paired differences from the baseline over the same seeds, with 95% intervals", panels, panels.Length <= 4 ? 2 : 3);
    }

    private static string Label(PairedDifference r) => $"{r.Variant} - {r.Baseline}";
}
