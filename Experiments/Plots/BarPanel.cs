using ScottPlot;

namespace ClusterSim.Experiments.Plots;

/// <summary>
/// Grouped bars: a group per category (a framework, a metric), a bar per series (a variant) in each, with its
/// interval as a whisker clipped to the metric's domain.
/// </summary>
public static class BarPanel
{
    /// <summary>Share of a group's width the bars fill; the rest separates groups.</summary>
    private const double GroupFill = 0.8;

    public static Plot Draw(string title, string yLabel, IReadOnlyList<string> groups, IReadOnlyList<BarSeries> series, Domain domain, int firstStyle = 0)
    {
        var plot = Panel.Create(title, "", yLabel);
        double width = GroupFill / Math.Max(1, series.Count);
        double top = double.NegativeInfinity, bottom = double.PositiveInfinity;
        for (int s = 0; s < series.Count; s++)
        {
            var style = SeriesStyle.For(firstStyle + s);
            var bars = new List<Bar>();
            var whiskers = new List<(double X, double Low, double High)>();
            for (int g = 0; g < groups.Count && g < series[s].Values.Count; g++)
            {
                double value = series[s].Values[g];
                if (!double.IsFinite(value)) continue;
                double x = g + (s - (series.Count - 1) / 2.0) * width;
                bars.Add(new Bar { Position = x, Value = value, Size = width * 0.9, FillColor = style.Color, LineWidth = 0 });
                top = Math.Max(top, value);
                bottom = Math.Min(bottom, value);
                if (series[s].Low is { } lows && series[s].High is { } highs && g < lows.Count && g < highs.Count
                    && double.IsFinite(lows[g]) && double.IsFinite(highs[g]))
                {
                    double low = domain.Clamp(lows[g]), high = domain.Clamp(highs[g]);
                    whiskers.Add((x, low, high));
                    top = Math.Max(top, high);
                    bottom = Math.Min(bottom, low);
                }
            }
            var barPlot = plot.Add.Bars(bars);
            barPlot.LegendText = series[s].Name;
            foreach (var (x, low, high) in whiskers) Whisker(plot, x, low, high, width * 0.25);
        }
        Panel.SetTicks(plot.Axes.Bottom, groups.Select((_, i) => (double)i).ToArray(), groups);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.SetLimitsX(-0.5, groups.Count - 0.5);
        if (!double.IsFinite(top)) top = bottom = 0;
        // Bars grow from zero, so zero is always in view.
        double lo = Math.Min(0, bottom), hi = Math.Max(0, top), pad = (hi - lo) * 0.08;
        if (pad == 0) pad = 1;
        plot.Axes.SetLimitsY(lo < 0 ? lo - pad : lo, hi > 0 ? hi + pad : hi + (lo < 0 ? pad : 0));
        if (lo < 0) plot.Add.HorizontalLine(0, 1, Colors.Black);
        Panel.LegendOutside(plot);
        return plot;
    }

    /// <summary>An interval as a vertical line with caps.</summary>
    private static void Whisker(Plot plot, double x, double low, double high, double cap)
    {
        foreach (var line in new[]
                 {
                     plot.Add.Line(x, low, x, high), plot.Add.Line(x - cap, low, x + cap, low), plot.Add.Line(x - cap, high, x + cap, high),
                 })
        {
            line.LineColor = Colors.Black;
            line.LineWidth = 1.5f;
            line.MarkerSize = 0;
        }
    }
}
