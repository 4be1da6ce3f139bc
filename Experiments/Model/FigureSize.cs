namespace ClusterSim.Experiments.Model;

/// <summary>
/// The size of every figure an experiment writes, in pixels (the PNG's size and the SVG's width and height).
/// A figure with several rows of panels is <see cref="RowHeight"/> taller per extra row, so its panels stay readable.
/// </summary>
public sealed record FigureSize(int Width, int Height)
{
    public static readonly FigureSize Default = new(800, 500);

    /// <summary>The smallest and largest side allowed: below it labels overlap, above it a PNG grows past what a report embeds well.</summary>
    public const int Min = 200, Max = 8000;

    /// <summary>Height of each row of panels in a figure of more than one row.</summary>
    public int RowHeight => Height * 4 / 5;

    /// <summary>The figure's height with <paramref name="rows"/> rows of panels.</summary>
    public int HeightFor(int rows) => rows <= 1 ? Height : RowHeight * rows;
}
