using ScottPlot;

namespace ClusterSim.Experiments.Plots;

/// <summary>
/// How the i-th series of a figure is drawn. Colour and dash pattern both change from one series to the next,
/// so lines that lie on top of one another (two policies giving the same curve) stay tellable apart, in
/// grayscale too. Colours are Tableau's Category10, a palette chosen for telling categories apart.
/// </summary>
public sealed record SeriesStyle(Color Color, LinePattern Pattern, MarkerShape Marker)
{
    private static readonly Color[] Colors = new ScottPlot.Palettes.Category10().Colors;
    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];
    private static readonly MarkerShape[] Markers = [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond];

    public static SeriesStyle For(int index) =>
        new(Colors[index % Colors.Length], Patterns[index % Patterns.Length], Markers[index % Markers.Length]);

    public const float LineWidth = 2;
}
