namespace ClusterSim.Experiments.Plots;

/// <summary>
/// Grouped bars with optional 95 % confidence intervals: groups along the x axis (metrics, or workloads), one bar
/// per series in each group (the variants), so variants are compared side by side within a group. Bars always
/// start at zero on a linear axis; a cut or log axis would exaggerate differences.
/// </summary>
/// <example>
/// <code>
/// var svg = new BarChart
/// {
///     Title = "Mean job completion time",
///     Groups = ["small jobs", "large jobs"],
///     SeriesNames = ["drf", "weighted-3x", "random"],
///     Values = [[12.1, 11.8, 15.0], [240, 205, 330]],
///     CiLow = [[11.5, 11.0, 14.1], [228, 196, 310]],
///     CiHigh = [[12.7, 12.6, 15.9], [252, 214, 350]],
///     YAxis = new Axis("Completion time", "s"),
/// }.ToSvg();
/// </code>
/// </example>
public sealed record BarChart
{
    public string Title { get; init; } = "";

    /// <summary>Labels along the x axis, one per group.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Legend entries, one per bar within a group.</summary>
    public IReadOnlyList<string> SeriesNames { get; init; } = [];

    /// <summary>Values[group][series]. NaN marks a missing value: no bar is drawn there.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Values { get; init; } = [];

    /// <summary>Lower CI bounds (absolute values, not offsets), same shape as <see cref="Values"/>; null for none.</summary>
    public IReadOnlyList<IReadOnlyList<double>>? CiLow { get; init; }

    /// <summary>Upper CI bounds (absolute values), same shape as <see cref="Values"/>; null for none.</summary>
    public IReadOnlyList<IReadOnlyList<double>>? CiHigh { get; init; }

    /// <summary>The value axis. Its scale is always linear and it always includes zero.</summary>
    public Axis YAxis { get; init; } = new("Value");

    /// <summary>Title under the group labels; null for none (the groups often speak for themselves).</summary>
    public string? XTitle { get; init; }

    /// <summary>Print each value above its bar (where the bar is wide enough for it).</summary>
    public bool ValueLabels { get; init; } = true;

    public int Width { get; init; } = 800;

    public int Height { get; init; } = 450;

    public LegendPosition Legend { get; init; } = LegendPosition.Auto;

    private const double GroupLabelFontSize = 11;
    private const double GroupLabelAngle = 35;
    private const double MaxGroupLabelWidth = 160;

    public string ToSvg()
    {
        CheckShape(Values, nameof(Values));
        CheckShape(CiLow, nameof(CiLow));
        CheckShape(CiHigh, nameof(CiHigh));
        var svg = ChartCanvas.Begin(Width, Height, Title);
        var drawable = Values.SelectMany(row => row).Where(double.IsFinite).ToList();
        if (Groups.Count == 0 || SeriesNames.Count == 0 || drawable.Count == 0) return ChartCanvas.NoData(svg, Width, Height);

        var items = SeriesNames.Select((s, i) => new LegendItem(s, Palette.Colour(i), null, Box: true)).ToList();
        var top = ChartCanvas.Top(Title);
        var legend = LegendLayout.Place(items, Legend, Width, Height, Height - top - AxisPainter.XAxisHeight);

        // Group labels are rotated when they would not fit side by side; rotated ones need more room below.
        var roughPlotWidth = Width - legend.RightWidth - 90;
        var widestGroup = Groups.Max(g => TextMetrics.Width(g, GroupLabelFontSize));
        var rotate = widestGroup > roughPlotWidth / Groups.Count - 8;
        var labelBand = rotate ? Math.Min(widestGroup, MaxGroupLabelWidth) * Math.Sin(GroupLabelAngle * Math.PI / 180) + 24 : 24;
        var bottom = Height - legend.BelowHeight - labelBand - (XTitle is null ? 8 : 28);

        var extent = drawable.Concat(Flatten(CiLow)).Concat(Flatten(CiHigh)).ToList();
        var (low, high) = (Math.Min(0, extent.Min()), Math.Max(0, extent.Max()));
        if (ValueLabels)
        {
            // Head-room for the labels beyond the longest bars, so they do not run into the title or the group labels.
            var pad = (high - low) * 0.08;
            if (low < 0) low -= pad;
            if (high > 0) high += pad;
        }
        var yAxis = YAxis with { Scale = AxisScale.Linear, IncludeZero = true };
        var y = ResolvedAxis.Fit(yAxis, low, high, Math.Clamp((int)((bottom - top) / 45), 3, 10));
        if (y is null) return ChartCanvas.NoData(svg, Width, Height);
        var right = Width - (legend.RightWidth > 0 ? legend.RightWidth : 20);
        var left = AxisPainter.YAxisWidth(y);
        if (rotate)
        {
            // The first rotated label reaches left of its group; keep it inside the canvas.
            var reach = Math.Min(widestGroup, MaxGroupLabelWidth) * Math.Cos(GroupLabelAngle * Math.PI / 180);
            left = Math.Max(left, reach - (right - left) / Groups.Count / 2 + 6);
        }
        var area = new PlotArea(left, top, right, bottom);

        AxisPainter.DrawY(svg, y, area);
        DrawGroupLabels(svg, area, rotate, labelBand);
        DrawBars(svg, y, area);
        AxisPainter.DrawFrame(svg, area);
        legend.Render(svg, area);
        return ChartCanvas.End(svg);
    }

    private void DrawGroupLabels(SvgWriter svg, PlotArea area, bool rotate, double labelBand)
    {
        var groupWidth = area.Width / Groups.Count;
        svg.Open("g", ("class", "axis x"), ("font-size", (int)GroupLabelFontSize), ("fill", "#333"));
        for (var g = 0; g < Groups.Count; g++)
        {
            var cx = area.Left + (g + 0.5) * groupWidth;
            var ly = area.Bottom + 17;
            if (rotate)
            {
                var label = Shorten(Groups[g]);
                var transform = $"rotate(-{SvgWriter.Num(GroupLabelAngle)} {SvgWriter.Num(cx)} {SvgWriter.Num(ly)})";
                if (label == Groups[g])
                {
                    svg.Text("text", label, ("class", "tick-label"), ("x", cx), ("y", ly), ("text-anchor", "end"), ("transform", transform));
                }
                else
                {
                    // Shortened labels keep the full name as a tooltip.
                    svg.Open("text", ("class", "tick-label"), ("x", cx), ("y", ly), ("text-anchor", "end"), ("transform", transform));
                    svg.Text("title", Groups[g]);
                    svg.Text("tspan", label);
                    svg.Close("text");
                }
            }
            else
            {
                svg.Text("text", Groups[g], ("class", "tick-label"), ("x", cx), ("y", ly), ("text-anchor", "middle"));
            }
        }
        if (XTitle is not null)
        {
            svg.Text("text", XTitle, ("class", "axis-title"), ("x", (area.Left + area.Right) / 2),
                ("y", area.Bottom + labelBand + 18), ("text-anchor", "middle"), ("font-size", 13));
        }
        svg.Close("g");
    }

    private void DrawBars(SvgWriter svg, ResolvedAxis y, PlotArea area)
    {
        var groupWidth = area.Width / Groups.Count;
        // 70 % of each group is bars, the rest is the gap that tells groups apart.
        var barWidth = groupWidth * 0.7 / SeriesNames.Count;
        // Clamped to the plot area: with a fixed axis range that leaves out zero (or part of a bar), bars stop at
        // the frame instead of running over the labels.
        double Place(double value) => Math.Clamp(y.Map(value, area.Bottom, area.Top), area.Top, area.Bottom);
        var zero = Place(0);
        var labels = new SvgWriter();
        svg.Open("g", ("class", "bars"));
        for (var g = 0; g < Groups.Count; g++)
        {
            for (var s = 0; s < SeriesNames.Count; s++)
            {
                var value = Values[g][s];
                if (!double.IsFinite(value)) continue;
                var x0 = area.Left + g * groupWidth + groupWidth * 0.15 + s * barWidth;
                var cx = x0 + barWidth / 2;
                var py = Place(value);
                var low = CiLow?[g][s] ?? double.NaN;
                var high = CiHigh?[g][s] ?? double.NaN;
                var hasCi = double.IsFinite(low) && double.IsFinite(high);
                var tooltip = $"{Groups[g]} — {SeriesNames[s]}: {TickFormat.Value(value)}"
                    + (hasCi ? $" (95% CI {TickFormat.Value(low)}–{TickFormat.Value(high)})" : "");
                svg.WithTooltip("rect", tooltip, ("class", "bar"), ("x", x0 + 0.5), ("y", Math.Min(py, zero)),
                    ("width", Math.Max(1, barWidth - 1)), ("height", Math.Abs(zero - py)), ("fill", Palette.Colour(s)));

                var labelEdge = py;
                if (hasCi)
                {
                    var pLow = Place(low);
                    var pHigh = Place(high);
                    var cap = Math.Min(barWidth * 0.25, 6);
                    svg.Leaf("path", ("class", "ci"),
                        ("d", $"M{SvgWriter.Num(cx)} {SvgWriter.Num(pLow)}V{SvgWriter.Num(pHigh)}"
                            + $"M{SvgWriter.Num(cx - cap)} {SvgWriter.Num(pLow)}H{SvgWriter.Num(cx + cap)}"
                            + $"M{SvgWriter.Num(cx - cap)} {SvgWriter.Num(pHigh)}H{SvgWriter.Num(cx + cap)}"),
                        ("stroke", "#222"), ("stroke-width", 1.3), ("fill", "none"));
                    labelEdge = value >= 0 ? Math.Min(py, pHigh) : Math.Max(py, pLow);
                }
                if (ValueLabels) AddValueLabel(labels, value, cx, labelEdge, barWidth);
            }
        }
        svg.Close("g");
        // Labels go after all bars so a neighbouring bar never paints over one.
        svg.Open("g", ("class", "value-labels"), ("fill", "#222"), ("text-anchor", "middle"));
        svg.Append(labels);
        svg.Close("g");
    }

    /// <summary>Above a positive bar (below a negative one), at the largest size up to 11 px that fits the bar width.</summary>
    private static void AddValueLabel(SvgWriter labels, double value, double cx, double edge, double barWidth)
    {
        var text = TickFormat.Value(value);
        var size = Math.Min(11, 11 * (barWidth + 2) / TextMetrics.Width(text, 11));
        if (size < 7) return;
        var ly = value >= 0 ? edge - 4 : edge + size + 2;
        labels.Text("text", text, ("class", "value-label"), ("x", cx), ("y", ly), ("font-size", Math.Round(size, 1)));
    }

    /// <summary>Cuts a label to <see cref="MaxGroupLabelWidth"/>, so one long name cannot eat the plot's height.</summary>
    private static string Shorten(string label)
    {
        if (TextMetrics.Width(label, GroupLabelFontSize) <= MaxGroupLabelWidth) return label;
        var cut = label.Length;
        while (cut > 1 && TextMetrics.Width(label[..cut] + "…", GroupLabelFontSize) > MaxGroupLabelWidth) cut--;
        return label[..cut] + "…";
    }

    private static IEnumerable<double> Flatten(IReadOnlyList<IReadOnlyList<double>>? table) =>
        table is null ? [] : table.SelectMany(r => r).Where(double.IsFinite);

    private void CheckShape(IReadOnlyList<IReadOnlyList<double>>? table, string name)
    {
        if (table is null) return;
        if (table.Count != Groups.Count || table.Any(row => row.Count != SeriesNames.Count))
            throw new ArgumentException($"{name} must have one row per group ({Groups.Count}) and one value per series ({SeriesNames.Count}).");
    }
}
