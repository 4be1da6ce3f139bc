using ScottPlot;

namespace ClusterSim.Experiments.Plots;

/// <summary>Lines over time (or any x) on one panel, each with its band, in the domain of the metric.</summary>
public static class LinePanel
{
    /// <summary>Band opacity: light enough that a line shows through another series' band.</summary>
    private const double BandAlpha = 0.18;

    public static Plot Draw(string title, string xLabel, string yLabel, IReadOnlyList<LineSeries> series, Domain domain, int firstStyle = 0)
    {
        var plot = Panel.Create(title, xLabel, yLabel);
        // Bands first, so every line is drawn over every band.
        for (int i = 0; i < series.Count; i++)
        {
            var s = series[i];
            if (s.Low == null || s.High == null) continue;
            var band = Points(s.X, s.Low, s.High, domain);
            if (band.Count < 2) continue;
            var fill = plot.Add.FillY(band.Select(p => p.X).ToArray(), band.Select(p => p.Low).ToArray(), band.Select(p => p.High).ToArray());
            fill.FillColor = SeriesStyle.For(firstStyle + i).Color.WithAlpha(BandAlpha);
            fill.LineWidth = 0;
            fill.MarkerSize = 0;
        }
        double top = domain.Min;
        for (int i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var style = SeriesStyle.For(firstStyle + i);
            var points = Points(s.X, s.Y, s.Y, domain);
            if (points.Count == 0) continue;
            var line = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => p.Low).ToArray(), style.Color);
            line.LegendText = s.Name;
            line.LineWidth = SeriesStyle.LineWidth;
            line.LinePattern = style.Pattern;
            line.MarkerSize = 0;
            if (s.Step) line.ConnectStyle = ConnectStyle.StepHorizontal;
            top = Math.Max(top, points.Max(p => p.Low));
            if (s.High != null) top = Math.Max(top, Points(s.X, s.High, s.High, domain).Select(p => p.High).DefaultIfEmpty(top).Max());
        }
        Fit(plot, domain, top);
        Panel.LegendOutside(plot);
        return plot;
    }

    /// <summary>The y axis from the domain's floor (when it has one) to a little above the highest value, never past the domain's ceiling.</summary>
    internal static void Fit(Plot plot, Domain domain, double top)
    {
        plot.Axes.AutoScale();
        var limits = plot.Axes.GetLimits();
        double bottom = double.IsFinite(domain.Min) ? domain.Min : limits.Bottom;
        double upper = top > bottom ? bottom + (top - bottom) * 1.05 : bottom + 1;
        if (double.IsFinite(domain.Max) && top <= domain.Max) upper = Math.Min(upper, domain.Max + (domain.Max - bottom) * 0.02);
        plot.Axes.SetLimitsY(bottom, upper);
    }

    /// <summary>The finite points, with low and high clipped to the domain.</summary>
    private static List<(double X, double Low, double High)> Points(IReadOnlyList<double> x, IReadOnlyList<double> low, IReadOnlyList<double> high, Domain domain)
    {
        var points = new List<(double, double, double)>(x.Count);
        for (int i = 0; i < x.Count && i < low.Count && i < high.Count; i++)
            if (double.IsFinite(x[i]) && double.IsFinite(low[i]) && double.IsFinite(high[i]))
                points.Add((x[i], domain.Clamp(low[i]), domain.Clamp(high[i])));
        return points;
    }
}
