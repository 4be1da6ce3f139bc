using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ClusterSim.Experiments.Tests.Plots;

/// <summary>
/// Reads a rendered chart back as XML so tests can check its structure (what is drawn, in what colour, with which
/// labels) instead of comparing pixels or whole files, which would break on every cosmetic change.
/// </summary>
internal sealed partial class SvgDocument
{
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public SvgDocument(string svg)
    {
        // Parsing is itself the first check: malformed or badly escaped output throws here.
        Document = XDocument.Parse(svg);
    }

    public XDocument Document { get; }

    public XElement Root => Document.Root!;

    /// <summary>Elements named <paramref name="tag"/> whose class list contains <paramref name="cssClass"/>.</summary>
    public List<XElement> All(string tag, string? cssClass = null) =>
        Root.Descendants(Ns + tag)
            .Where(e => cssClass is null || ((string?)e.Attribute("class") ?? "").Split(' ').Contains(cssClass))
            .ToList();

    /// <summary>Elements named <paramref name="tag"/> inside the group with class "axis x" or "axis y".</summary>
    public List<XElement> InAxis(char axis, string tag, string? cssClass = null) =>
        All("g", "axis").Where(g => ((string)g.Attribute("class")!).Split(' ').Contains(axis.ToString()))
            .SelectMany(g => g.Descendants(Ns + tag))
            .Where(e => cssClass is null || (string?)e.Attribute("class") == cssClass)
            .ToList();

    /// <summary>The visible text of the tick labels, leaving out any tooltip they carry.</summary>
    public List<string> TickLabels(char axis) =>
        InAxis(axis, "text", "tick-label")
            .Select(e => string.Concat(e.DescendantNodes().OfType<XText>().Where(t => t.Parent!.Name != Ns + "title").Select(t => t.Value)))
            .ToList();

    public List<string> LegendNames() =>
        All("g", "legend-item").Select(g => g.Element(Ns + "text")!.Value).ToList();

    public string? Title => All("text", "title").SingleOrDefault()?.Value;

    public bool SaysNoData => All("text", "no-data").Count == 1;

    public static double Number(XElement e, string attribute) =>
        double.Parse((string)e.Attribute(attribute)!, CultureInfo.InvariantCulture);

    /// <summary>The (x, y) vertices of a path written with M/L commands only.</summary>
    public static List<(double X, double Y)> Vertices(XElement path) =>
        PathPoint().Matches((string)path.Attribute("d")!)
            .Select(m => (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
            .ToList();

    [GeneratedRegex(@"[ML](-?[\d.]+) (-?[\d.]+)")]
    private static partial Regex PathPoint();
}
