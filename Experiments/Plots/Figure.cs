using System.Text;
using ClusterSim.Experiments.Model;
using ScottPlot;
using SkiaSharp;

namespace ClusterSim.Experiments.Plots;

/// <summary>
/// One figure: one panel, or small multiples laid out in a grid, row by row. Rendering makes the PNG and the SVG
/// from the same drawing.
/// </summary>
public sealed class Figure
{
    /// <summary>
    /// Figures are drawn one at a time. ScottPlot keeps process-wide state (the font table, Skia's SVG id
    /// counter) and does not promise that drawing on several threads at once is safe; the figures are few and
    /// quick next to the runs, so serialising costs nothing that matters.
    /// </summary>
    private static readonly object Drawing = new();

    public Figure(string name, string caption, IReadOnlyList<Plot> panels, int columns = 1)
    {
        if (panels.Count == 0) throw new ArgumentException("a figure needs at least one panel", nameof(panels));
        Name = name;
        Caption = caption;
        Panels = panels;
        Columns = Math.Clamp(columns, 1, panels.Count);
    }

    public Figure(string name, string caption, Plot panel) : this(name, caption, [panel]) { }

    /// <summary>The file name without extension.</summary>
    public string Name { get; }

    public string Caption { get; }
    public IReadOnlyList<Plot> Panels { get; }
    public int Columns { get; }
    public int Rows => (Panels.Count + Columns - 1) / Columns;

    public RenderedFigure Render(FigureSize size)
    {
        int width = size.Width, height = size.HeightFor(Rows);
        byte[] png;
        string svg;
        lock (Drawing)
        {
            var figure = new Multiplot(Panels[0]);
            foreach (var panel in Panels.Skip(1)) figure.AddPlot(panel);
            figure.Layout = new ScottPlot.MultiplotLayouts.Grid(Rows, Columns);
            using (var image = figure.Render(width, height)) png = image.GetImageBytes(ImageFormat.Png);
            using var stream = new MemoryStream();
            // Disposing the canvas closes the document (writes </svg>).
            using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
                figure.Render(canvas, new PixelRect(0, width, height, 0));
            svg = Encoding.UTF8.GetString(stream.ToArray());
        }
        return new RenderedFigure(Name, Caption, png, SvgIds.Normalise(svg, Name + "-"));
    }
}
