namespace ClusterSim.Experiments.Plots;

/// <summary>
/// Draws grid lines, tick labels and axis titles for numeric axes, and the plot frame. Grid lines are light and
/// drawn first so data sits on top of them.
/// </summary>
internal static class AxisPainter
{
    public const double TickFontSize = 11;
    private const string GridColour = "#e3e3e3";
    private const string AxisColour = "#444";

    /// <summary>Horizontal space the y axis needs left of the plot: title, widest label, tick mark.</summary>
    public static double YAxisWidth(ResolvedAxis y) =>
        14 + 18 + y.Ticks.Select(t => TextMetrics.Width(t.Label, TickFontSize)).DefaultIfEmpty(0).Max() + 8;

    /// <summary>Vertical space the x axis needs below the plot: labels, title.</summary>
    public const double XAxisHeight = 46;

    /// <summary>
    /// Picks as many x ticks as fit without labels running into each other: starts generous and asks for fewer
    /// until the widest label plus a gap fits between neighbours.
    /// </summary>
    public static ResolvedAxis? FitX(Axis spec, double dataMin, double dataMax, double plotWidth)
    {
        ResolvedAxis? fitted = null;
        for (var target = Math.Clamp((int)(plotWidth / 60), 2, 12); target >= 2; target--)
        {
            fitted = ResolvedAxis.Fit(spec, dataMin, dataMax, target);
            if (fitted is null || fitted.Ticks.Count < 2) return fitted;
            var widest = fitted.Ticks.Max(t => TextMetrics.Width(t.Label, TickFontSize));
            var spacing = MinSpacing(fitted, plotWidth);
            if (widest + 12 <= spacing) return fitted;
        }
        return fitted;
    }

    public static void DrawY(SvgWriter svg, ResolvedAxis y, PlotArea area)
    {
        svg.Open("g", ("class", "axis y"), ("font-size", (int)TickFontSize), ("fill", "#333"));
        foreach (var (value, label) in y.Ticks)
        {
            var py = y.Map(value, area.Bottom, area.Top);
            svg.Leaf("line", ("class", "grid"), ("x1", area.Left), ("y1", py), ("x2", area.Right), ("y2", py), ("stroke", GridColour));
            svg.Leaf("line", ("x1", area.Left - 4), ("y1", py), ("x2", area.Left), ("y2", py), ("stroke", AxisColour));
            svg.Text("text", label, ("class", "tick-label"), ("x", area.Left - 7), ("y", py + 4), ("text-anchor", "end"));
        }
        // The title hugs the labels even when the plot was pushed right (e.g. by rotated bar labels).
        var midY = (area.Top + area.Bottom) / 2;
        var titleX = area.Left - YAxisWidth(y) + 18;
        svg.Text("text", y.Title, ("class", "axis-title"), ("x", titleX), ("y", midY), ("text-anchor", "middle"),
            ("font-size", 13), ("transform", $"rotate(-90 {SvgWriter.Num(titleX)} {SvgWriter.Num(midY)})"));
        svg.Close("g");
    }

    public static void DrawX(SvgWriter svg, ResolvedAxis x, PlotArea area)
    {
        svg.Open("g", ("class", "axis x"), ("font-size", (int)TickFontSize), ("fill", "#333"));
        foreach (var (value, label) in x.Ticks)
        {
            var px = x.Map(value, area.Left, area.Right);
            svg.Leaf("line", ("class", "grid"), ("x1", px), ("y1", area.Top), ("x2", px), ("y2", area.Bottom), ("stroke", GridColour));
            svg.Leaf("line", ("x1", px), ("y1", area.Bottom), ("x2", px), ("y2", area.Bottom + 4), ("stroke", AxisColour));
            svg.Text("text", label, ("class", "tick-label"), ("x", px), ("y", area.Bottom + 17), ("text-anchor", "middle"));
        }
        XTitle(svg, x.Title, area);
        svg.Close("g");
    }

    public static void XTitle(SvgWriter svg, string title, PlotArea area) =>
        svg.Text("text", title, ("class", "axis-title"), ("x", (area.Left + area.Right) / 2), ("y", area.Bottom + 38),
            ("text-anchor", "middle"), ("font-size", 13));

    /// <summary>The left and bottom axis lines, drawn after the data so lines at the range edge do not hide them.</summary>
    public static void DrawFrame(SvgWriter svg, PlotArea area) =>
        svg.Leaf("path", ("class", "frame"),
            ("d", $"M{SvgWriter.Num(area.Left)} {SvgWriter.Num(area.Top)}V{SvgWriter.Num(area.Bottom)}H{SvgWriter.Num(area.Right)}"),
            ("fill", "none"), ("stroke", AxisColour));

    private static double MinSpacing(ResolvedAxis axis, double plotWidth)
    {
        var min = double.PositiveInfinity;
        for (var i = 1; i < axis.Ticks.Count; i++)
        {
            min = Math.Min(min, axis.Map(axis.Ticks[i].Value, 0, plotWidth) - axis.Map(axis.Ticks[i - 1].Value, 0, plotWidth));
        }
        return min;
    }
}
