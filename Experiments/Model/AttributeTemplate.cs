using System.Globalization;
using System.Text.RegularExpressions;
using ClusterSim.Experiments.Config;

namespace ClusterSim.Experiments.Model;

/// <summary>
/// Expands agent attribute templates: {i} is the agent's index in its group, {i%N} that index modulo N,
/// {i/N} divided by N (integer), so "r{i%40}" spreads a group over 40 racks.
/// </summary>
public static partial class AttributeTemplate
{
    [GeneratedRegex(@"\{i(?:([%/])(\d+))?\}")]
    private static partial Regex Placeholder();

    public static string Expand(string template, int index)
    {
        if (template.IndexOf('{') < 0) return template;
        return Placeholder().Replace(template, m =>
        {
            if (!m.Groups[1].Success) return index.ToString(CultureInfo.InvariantCulture);
            int n = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            return (m.Groups[1].Value == "%" ? index % n : index / n).ToString(CultureInfo.InvariantCulture);
        });
    }

    public static void Validate(string template, YamlNode at)
    {
        var stripped = Placeholder().Replace(template, "");
        if (stripped.Contains('{') || stripped.Contains('}'))
            throw at.Error($"'{template}': expected placeholders {{i}}, {{i%N}} or {{i/N}}");
        foreach (Match m in Placeholder().Matches(template))
        {
            if (!m.Groups[2].Success) continue;
            // \d also matches other scripts' digits, and N may not fit an int: Expand would throw in the run.
            if (!int.TryParse(m.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                throw at.Error($"'{template}': expected N in {{i%N}} or {{i/N}} to be a whole number from 1 to {int.MaxValue}");
            if (n == 0) throw at.Error($"'{template}': cannot divide by zero");
        }
    }
}
