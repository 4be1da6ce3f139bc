using System.Globalization;
using System.Xml.Linq;

namespace ClusterSim.Experiments.Tests.Plots;

/// <summary>
/// Reads a rendered figure's SVG back as XML so tests can check what it says (its size, its text) instead of
/// comparing pixels or whole files, which would break on every cosmetic change.
/// </summary>
internal sealed class SvgDocument
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public SvgDocument(string svg)
    {
        // Parsing is itself the first check: malformed or badly escaped output throws here.
        Document = XDocument.Parse(svg);
    }

    public XDocument Document { get; }

    public XElement Root => Document.Root!;

    public int Width => int.Parse((string)Root.Attribute("width")!, CultureInfo.InvariantCulture);
    public int Height => int.Parse((string)Root.Attribute("height")!, CultureInfo.InvariantCulture);

    /// <summary>Every piece of text drawn, trimmed, in document order.</summary>
    public List<string> Texts() => Root.Descendants(Ns + "text").Select(t => t.Value.Trim()).ToList();

    /// <summary>The font families the text is drawn in.</summary>
    public List<string> FontFamilies() => Root.Descendants(Ns + "text").Select(t => (string?)t.Attribute("font-family") ?? "").Distinct().ToList();
}
