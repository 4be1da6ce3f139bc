using System.Text;

namespace ClusterSim.Experiments.Plots;

/// <summary>
/// A multi-series line chart: utilisation or dominant share over time (one line per variant or role), or with
/// <see cref="ShowMarkers"/> and log axes, a cost curve such as agents vs wall-clock seconds.
/// </summary>
/// <example>
/// <code>
/// var svg = new LineChart
/// {
///     Title = "CPU utilisation",
///     XAxis = Axis.Time(),
///     YAxis = Axis.Percent("CPU utilisation"),
///     Series = [new Series("drf", drfPoints, Step: true), new Series("random", randomPoints, Step: true)],
/// }.ToSvg();
/// </code>
/// </example>
public sealed record LineChart
{
    public string Title { get; init; } = "";

    public Axis XAxis { get; init; } = new("x");

    public Axis YAxis { get; init; } = new("y");

    public IReadOnlyList<Series> Series { get; init; } = [];

    /// <summary>Nominal size in pixels; the SVG has a matching viewBox, so it can be scaled freely.</summary>
    public int Width { get; init; } = 800;

    public int Height { get; init; } = 450;

    public LegendPosition Legend { get; init; } = LegendPosition.Auto;

    /// <summary>Draw a dot at every (drawn) point, each with a tooltip giving its values; for sparse data.</summary>
    public bool ShowMarkers { get; init; }

    /// <summary>Renders the chart as a standalone SVG document (no XML declaration, so it can also be inlined in HTML).</summary>
    public string ToSvg()
    {
        var svg = ChartCanvas.Begin(Width, Height, Title);
        var runs = Series.Select(s => SplitIntoRuns(s.Points)).ToList();
        var points = runs.SelectMany(r => r).SelectMany(r => r).ToList();
        if (points.Count == 0) return ChartCanvas.NoData(svg, Width, Height);

        var items = Series.Select((s, i) => new LegendItem(s.Name, Palette.Colour(i), Palette.Dash(i), Box: false)).ToList();
        var top = ChartCanvas.Top(Title);
        var legend = LegendLayout.Place(items, Legend, Width, Height, Height - top - AxisPainter.XAxisHeight);
        var bottom = Height - legend.BelowHeight - AxisPainter.XAxisHeight;
        var y = ResolvedAxis.Fit(YAxis, points.Min(p => p.Y), points.Max(p => p.Y), Math.Clamp((int)((bottom - top) / 45), 3, 10));
        if (y is null) return ChartCanvas.NoData(svg, Width, Height);
        var left = AxisPainter.YAxisWidth(y);
        var right = Width - (legend.RightWidth > 0 ? legend.RightWidth : 24);
        var x = AxisPainter.FitX(XAxis, points.Min(p => p.X), points.Max(p => p.X), right - left);
        if (x is null) return ChartCanvas.NoData(svg, Width, Height);
        var area = new PlotArea(left, top, right, bottom);

        AxisPainter.DrawY(svg, y, area);
        AxisPainter.DrawX(svg, x, area);
        DrawSeries(svg, runs, x, y, area);
        AxisPainter.DrawFrame(svg, area);
        legend.Render(svg, area);
        return ChartCanvas.End(svg);
    }

    /// <summary>
    /// Splits a series at points that cannot be placed (not finite, or ≤ 0 on a log axis) so each run is drawn as its
    /// own connected piece and the gap stays visible.
    /// </summary>
    private List<List<(double X, double Y)>> SplitIntoRuns(IReadOnlyList<(double X, double Y)> points)
    {
        var runs = new List<List<(double X, double Y)>>();
        List<(double X, double Y)>? current = null;
        foreach (var p in points)
        {
            if (Placeable(XAxis, p.X) && Placeable(YAxis, p.Y))
            {
                if (current is null)
                {
                    current = [];
                    runs.Add(current);
                }
                current.Add(p);
            }
            else
            {
                current = null;
            }
        }
        return runs;
    }

    private static bool Placeable(Axis axis, double value) =>
        double.IsFinite(value) && (axis.Scale == AxisScale.Linear || value > 0);

    private void DrawSeries(SvgWriter svg, List<List<List<(double X, double Y)>>> runs, ResolvedAxis x, ResolvedAxis y, PlotArea area)
    {
        // Series markup is written apart first so the clip-path id can be derived from it (see SvgWriter.StableId).
        var body = new SvgWriter();
        for (var i = 0; i < Series.Count; i++)
        {
            if (runs[i].Count == 0) continue;
            var series = Series[i];
            var drawn = runs[i].Select(r => ToPixels(r, x, y, area)).ToList();
            var d = new StringBuilder();
            foreach (var run in drawn)
            {
                AppendPath(d, run, series.Step);
            }
            body.WithTooltip("path", series.Name, ("class", "series-line"), ("d", d.ToString()), ("fill", "none"),
                ("stroke", Palette.Colour(i)), ("stroke-width", 2), ("stroke-linejoin", "round"), ("stroke-linecap", "round"),
                ("stroke-dasharray", Palette.Dash(i)));
            if (ShowMarkers) DrawMarkers(body, series.Name, runs[i], drawn, Palette.Colour(i));
        }

        var clipId = SvgWriter.StableId("clip-", body.ToString());
        svg.Open("defs");
        svg.Open("clipPath", ("id", clipId));
        // A few pixels of slack so lines at the very edge of the range (0 %, 100 %) are not cut in half.
        svg.Leaf("rect", ("x", area.Left - 3), ("y", area.Top - 3), ("width", area.Width + 6), ("height", area.Height + 6));
        svg.Close("clipPath");
        svg.Close("defs");
        svg.Open("g", ("class", "series"), ("clip-path", $"url(#{clipId})"));
        svg.Append(body);
        svg.Close("g");
    }

    /// <summary>
    /// Maps a run to pixels and thins long ones to two points per pixel column, which draws the same picture. The
    /// thinning works on pixel positions, not data values, so that columns are equally wide on a log axis too.
    /// </summary>
    private static IReadOnlyList<(double X, double Y)> ToPixels(List<(double X, double Y)> run, ResolvedAxis x, ResolvedAxis y, PlotArea area)
    {
        var pixels = run.Select(p => (x.Map(p.X, area.Left, area.Right), y.Map(p.Y, area.Bottom, area.Top))).ToList();
        return pixels.Count > Downsampler.MaxPointsPerSeries ? Downsampler.MinMax(pixels, Math.Max(1, (int)area.Width)) : pixels;
    }

    /// <summary>A run of one point gets a zero-length segment, which the round line cap draws as a dot.</summary>
    private static void AppendPath(StringBuilder d, IReadOnlyList<(double X, double Y)> run, bool step)
    {
        for (var j = 0; j < run.Count; j++)
        {
            var px = SvgWriter.Num(run[j].X);
            var py = SvgWriter.Num(run[j].Y);
            if (j == 0) d.Append('M').Append(px).Append(' ').Append(py).Append(run.Count == 1 ? "h0.01" : "");
            else if (step) d.Append('H').Append(px).Append('V').Append(py);
            else d.Append('L').Append(px).Append(' ').Append(py);
        }
    }

    /// <summary>Markers only for runs that were not thinned: a dot per pixel column would be noise, not information.</summary>
    private static void DrawMarkers(SvgWriter svg, string name, List<List<(double X, double Y)>> data, List<IReadOnlyList<(double X, double Y)>> pixels, string colour)
    {
        svg.Open("g", ("class", "markers"), ("fill", colour));
        for (var r = 0; r < data.Count; r++)
        {
            if (data[r].Count != pixels[r].Count) continue;
            for (var j = 0; j < data[r].Count; j++)
            {
                svg.WithTooltip("circle", $"{name}: {TickFormat.Value(data[r][j].X)}, {TickFormat.Value(data[r][j].Y)}",
                    ("cx", pixels[r][j].X), ("cy", pixels[r][j].Y), ("r", 3.5));
            }
        }
        svg.Close("g");
    }
}
