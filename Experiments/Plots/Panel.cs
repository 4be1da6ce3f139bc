using ScottPlot;

namespace ClusterSim.Experiments.Plots;

/// <summary>A new panel (one set of axes) with the house look: the shipped font, a title and labelled axes.</summary>
public static class Panel
{
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        FigureFont.EnsureRegistered();
        var plot = new Plot();
        plot.Title(title, 14);
        plot.XLabel(xLabel, 12);
        plot.YLabel(yLabel, 12);
        plot.Axes.Title.Label.FontName = FigureFont.Name;
        plot.Axes.Bottom.Label.FontName = FigureFont.Name;
        plot.Axes.Left.Label.FontName = FigureFont.Name;
        plot.Axes.Bottom.TickLabelStyle.FontName = FigureFont.Name;
        plot.Axes.Left.TickLabelStyle.FontName = FigureFont.Name;
        plot.Legend.FontName = FigureFont.Name;
        plot.Legend.FontSize = 11;
        return plot;
    }

    /// <summary>The legend under the axes, not over the data, so it never hides a line; in a row, to leave the panel its width.</summary>
    public static void LegendOutside(Plot plot)
    {
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
    }

    /// <summary>
    /// Ticks for an axis that holds log10 of its values, labelled with the values at each power of ten from
    /// <paramref name="min"/> to <paramref name="max"/> (both positive), with unlabelled minor ticks at 2 to 9
    /// times each. ScottPlot has no log scale: plotting the logarithm with such ticks is its documented way.
    /// When the values span two decades or less, 2 and 5 times each power are labelled too: the axis is fitted to
    /// the data, so a narrow range could otherwise show a single labelled tick, or none.
    /// </summary>
    public static void LogTicks(IAxis axis, double min, double max)
    {
        int from = (int)Math.Floor(Math.Log10(min)), to = (int)Math.Ceiling(Math.Log10(max));
        bool narrow = to - from <= 2;
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int power = from; power <= Math.Max(from, to); power++)
            for (int times = 1; times <= 9; times++)
            {
                if (power == to && times > 1) break;
                double value = times * Math.Pow(10, power);
                if (times == 1 || (narrow && times is 2 or 5))
                    ticks.AddMajor(Math.Log10(value), value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));
                else ticks.AddMinor(Math.Log10(value));
            }
        axis.TickGenerator = ticks;
    }

    /// <summary>Ticks at the given positions with the given labels (categories, or powers of ten).</summary>
    public static void SetTicks(IAxis axis, IReadOnlyList<double> positions, IReadOnlyList<string> labels)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < positions.Count; i++) ticks.AddMajor(positions[i], labels[i]);
        axis.TickGenerator = ticks;
    }
}
