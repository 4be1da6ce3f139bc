namespace ClusterSim.Experiments.Plots;

/// <summary>
/// The parts every chart has: the &lt;svg&gt; root with a viewBox (so it scales inside an HTML report), a white
/// background (so it reads the same on a dark page), the title, and the "no data" message. Fonts are the generic
/// sans-serif family so the file needs nothing from outside.
/// </summary>
internal static class ChartCanvas
{
    public const double TitleBand = 40;
    public const double TopPadding = 14;

    public static SvgWriter Begin(int width, int height, string? title)
    {
        if (width < 100 || height < 80)
            throw new ArgumentOutOfRangeException(nameof(width), "A chart needs at least 100×80 pixels.");
        var svg = new SvgWriter();
        svg.Open("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("width", width), ("height", height),
            ("viewBox", $"0 0 {SvgWriter.Num(width)} {SvgWriter.Num(height)}"), ("font-family", "sans-serif"), ("font-size", 12));
        svg.Leaf("rect", ("width", width), ("height", height), ("fill", "#ffffff"));
        if (!string.IsNullOrEmpty(title))
        {
            svg.Text("text", title, ("class", "title"), ("x", width / 2.0), ("y", 26), ("text-anchor", "middle"),
                ("font-size", 16), ("font-weight", "bold"), ("fill", "#222"));
        }
        return svg;
    }

    /// <summary>Top of the plot area, below the title if there is one.</summary>
    public static double Top(string? title) => string.IsNullOrEmpty(title) ? TopPadding : TitleBand;

    /// <summary>Ends a chart that has nothing to show: a message says so, rather than an empty frame or an exception.</summary>
    public static string NoData(SvgWriter svg, int width, int height)
    {
        svg.Text("text", "no data", ("class", "no-data"), ("x", width / 2.0), ("y", height / 2.0),
            ("text-anchor", "middle"), ("font-size", 14), ("fill", "#777"));
        return End(svg);
    }

    public static string End(SvgWriter svg)
    {
        svg.Close("svg");
        return svg.ToString();
    }
}
