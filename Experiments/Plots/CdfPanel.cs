using ScottPlot;

namespace ClusterSim.Experiments.Plots;

/// <summary>
/// Empirical CDFs of samples, one line per sample set. Times that span more than two orders of magnitude are
/// drawn on a log axis (ticks at powers of ten), where short and long jobs both stay readable.
/// </summary>
public static class CdfPanel
{
    public static Plot Draw(string title, string xLabel, string yLabel, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> samples)
    {
        var plot = Panel.Create(title, xLabel, yLabel);
        var finite = samples.Select(s => (s.Name, Values: s.Values.Where(double.IsFinite).Order().ToArray())).ToArray();
        var all = finite.SelectMany(s => s.Values).ToArray();
        bool log = all.Length > 0 && all.Min() > 0 && all.Max() / all.Min() > 100;
        for (int i = 0; i < finite.Length; i++)
        {
            var (name, values) = finite[i];
            if (values.Length == 0) continue;
            var style = SeriesStyle.For(i);
            // The CDF steps up by 1/n at each value: start at 0 on the first value.
            var xs = new double[values.Length + 1];
            var ys = new double[values.Length + 1];
            xs[0] = log ? Math.Log10(values[0]) : values[0];
            for (int k = 0; k < values.Length; k++)
            {
                xs[k + 1] = log ? Math.Log10(values[k]) : values[k];
                ys[k + 1] = (k + 1.0) / values.Length;
            }
            var line = plot.Add.ScatterLine(xs, ys, style.Color);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LegendText = $"{name} (n={values.Length})";
            line.LineWidth = SeriesStyle.LineWidth;
            line.LinePattern = style.Pattern;
            line.MarkerSize = 0;
        }
        if (log)
        {
            Panel.LogTicks(plot.Axes.Bottom, all.Min(), all.Max());
            plot.Axes.Bottom.Label.Text = xLabel + " (log scale)";
        }
        plot.Axes.AutoScale();
        plot.Axes.SetLimitsY(0, 1.02);
        Panel.LegendOutside(plot);
        return plot;
    }
}
