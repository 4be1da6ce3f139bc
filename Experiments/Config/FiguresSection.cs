using ClusterSim.Experiments.Model;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// Reads an experiment's figures: section, the size of the figures it writes:
/// <code>
/// figures: { width: 800, height: 500 }   # pixels, each 200 to 8000
/// </code>
/// </summary>
internal static class FiguresSection
{
    public static FigureSize Read(YamlNode? node)
    {
        if (node == null) return FigureSize.Default;
        node.WithKeys("width", "height");
        int width = Side(node.Optional("width"), FigureSize.Default.Width);
        int height = Side(node.Optional("height"), FigureSize.Default.Height);
        return new FigureSize(width, height);
    }

    private static int Side(YamlNode? node, int fallback) =>
        node == null ? fallback : (int)node.Integer(FigureSize.Min, FigureSize.Max, "pixels");
}
