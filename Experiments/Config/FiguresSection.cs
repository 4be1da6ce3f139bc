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
        int width = Side(node.Optional("width"), FigureSize.Default.Width);
        int height = Side(node.Optional("height"), FigureSize.Default.Height);
        node.RejectUnknownKeys("width, height");
        return new FigureSize(width, height);
    }

    private static int Side(YamlNode? node, int fallback)
    {
        if (node == null) return fallback;
        long pixels = node.Integer("a size in pixels");
        if (pixels < FigureSize.Min || pixels > FigureSize.Max)
            throw node.Error($"expected {FigureSize.Min} to {FigureSize.Max} pixels, found {pixels}");
        return (int)pixels;
    }
}
