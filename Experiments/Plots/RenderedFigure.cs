using System.Text;

namespace ClusterSim.Experiments.Plots;

/// <summary>A figure drawn at one size: <c>Name.png</c> for papers and slides, <c>Name.svg</c> for the report.</summary>
public sealed record RenderedFigure(string Name, string Caption, byte[] Png, string Svg)
{
    public string PngFile => Name + ".png";
    public string SvgFile => Name + ".svg";

    /// <summary>Writes both files into <paramref name="directory"/>; returns their paths.</summary>
    public IReadOnlyList<string> Write(string directory)
    {
        var png = Path.Combine(directory, PngFile);
        var svg = Path.Combine(directory, SvgFile);
        File.WriteAllBytes(png, Png);
        File.WriteAllText(svg, Svg, new UTF8Encoding(false));
        return [png, svg];
    }
}
