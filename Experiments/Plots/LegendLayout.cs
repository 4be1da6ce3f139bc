namespace ClusterSim.Experiments.Plots;

/// <summary>
/// Lays out and draws the legend outside the plot area: a column at the right, or rows that wrap below. Placing it
/// outside costs some plot width but guarantees it never hides data, whatever the data looks like.
/// </summary>
internal sealed class LegendLayout
{
    private const double FontSize = 12;
    private const double RowHeight = 18;
    private const double SwatchWidth = 22;
    private const double SwatchGap = 6;
    private const double ItemGap = 20;
    private const double Margin = 14;

    private readonly IReadOnlyList<LegendItem> _items;
    private readonly bool _right;
    private readonly double _chartHeight;
    private readonly List<(double X, int Row)> _belowSlots = new();

    private LegendLayout(IReadOnlyList<LegendItem> items, bool right, double chartHeight)
    {
        _items = items;
        _right = right;
        _chartHeight = chartHeight;
    }

    /// <summary>Room the legend takes at the right of the chart (0 when below).</summary>
    public double RightWidth { get; private set; }

    /// <summary>Room the legend takes at the bottom of the chart (0 when at the right).</summary>
    public double BelowHeight { get; private set; }

    /// <param name="plotHeight">The height the plot would have; a right legend taller than that goes below instead.</param>
    public static LegendLayout Place(IReadOnlyList<LegendItem> items, LegendPosition position, double chartWidth, double chartHeight, double plotHeight)
    {
        var itemWidths = items.Select(ItemWidth).ToList();
        var widest = itemWidths.Count == 0 ? 0 : itemWidths.Max();
        var right = position switch
        {
            LegendPosition.Right => true,
            LegendPosition.Below => false,
            _ => widest + 2 * Margin <= chartWidth * 0.3 && items.Count * RowHeight <= plotHeight,
        };

        var legend = new LegendLayout(items, right, chartHeight);
        if (items.Count == 0) return legend;
        if (right)
        {
            legend.RightWidth = widest + 2 * Margin;
            return legend;
        }

        // Rows wrap at the chart width and are centred on it, like the title, so the layout does not depend on
        // where the plot area ends up.
        var usable = chartWidth - 2 * Margin;
        var rowStarts = new List<int> { 0 };
        double x = 0;
        for (var i = 0; i < itemWidths.Count; i++)
        {
            if (x > 0 && x + itemWidths[i] > usable)
            {
                rowStarts.Add(i);
                x = 0;
            }
            x += itemWidths[i] + ItemGap;
        }
        rowStarts.Add(itemWidths.Count);
        for (var row = 0; row + 1 < rowStarts.Count; row++)
        {
            var (from, to) = (rowStarts[row], rowStarts[row + 1]);
            var rowWidth = itemWidths.Skip(from).Take(to - from).Sum() + ItemGap * (to - from - 1);
            var left = Math.Max(Margin, (chartWidth - rowWidth) / 2);
            for (var i = from; i < to; i++)
            {
                legend._belowSlots.Add((left, row));
                left += itemWidths[i] + ItemGap;
            }
        }
        legend.BelowHeight = (rowStarts.Count - 1) * RowHeight + 8;
        return legend;
    }

    public void Render(SvgWriter svg, PlotArea area)
    {
        if (_items.Count == 0) return;
        svg.Open("g", ("class", "legend"), ("font-size", (int)FontSize));
        for (var i = 0; i < _items.Count; i++)
        {
            double x, y;
            if (_right)
            {
                x = area.Right + Margin;
                y = area.Top + i * RowHeight;
            }
            else
            {
                x = _belowSlots[i].X;
                y = _chartHeight - BelowHeight + _belowSlots[i].Row * RowHeight;
            }
            RenderItem(svg, _items[i], x, y + RowHeight / 2);
        }
        svg.Close("g");
    }

    private static void RenderItem(SvgWriter svg, LegendItem item, double x, double midY)
    {
        svg.Open("g", ("class", "legend-item"));
        if (item.Box)
        {
            svg.Leaf("rect", ("x", x + 5), ("y", midY - 6), ("width", 12), ("height", 12), ("fill", item.Colour));
        }
        else
        {
            svg.Leaf("line", ("x1", x), ("y1", midY), ("x2", x + SwatchWidth), ("y2", midY),
                ("stroke", item.Colour), ("stroke-width", 2.5), ("stroke-dasharray", item.Dash));
        }
        svg.Text("text", item.Name, ("x", x + SwatchWidth + SwatchGap), ("y", midY + 4), ("fill", "#222"));
        svg.Close("g");
    }

    private static double ItemWidth(LegendItem item) => SwatchWidth + SwatchGap + TextMetrics.Width(item.Name, FontSize);
}
