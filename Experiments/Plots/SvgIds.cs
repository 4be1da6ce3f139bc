using System.Text.RegularExpressions;

namespace ClusterSim.Experiments.Plots;

/// <summary>
/// Skia's SVG canvas names clip paths from one counter for the whole process (cl_1, cl_2, ...), so the same
/// figure would come out with other ids after other figures were drawn, or in another order with more jobs.
/// Renaming every id in order of appearance, under the figure's own prefix, makes a figure's SVG depend on the
/// figure alone; the prefix also keeps figures inlined in one HTML page from using each other's clips.
/// </summary>
public static partial class SvgIds
{
    [GeneratedRegex("""(?<=\bid="|url\(#|href="#)[A-Za-z_][\w.-]*""")]
    private static partial Regex Reference();

    public static string Normalise(string svg, string prefix)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        return Reference().Replace(svg, m =>
        {
            if (!names.TryGetValue(m.Value, out var name)) names.Add(m.Value, name = $"{prefix}{names.Count + 1}");
            return name;
        });
    }
}
