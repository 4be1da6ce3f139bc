namespace ClusterSim.Experiments.Config;

/// <summary>
/// Reads an experiment's compare: section, which names the variant the others are compared with pairwise
/// (differences.csv and the report's differences table):
/// <code>
/// compare: { baseline: drf }   # default: the first variant
/// </code>
/// </summary>
internal static class CompareSection
{
    /// <summary>The baseline's name, or null when the file leaves it to the first variant.</summary>
    public static string? ReadBaseline(YamlNode? node, IReadOnlyList<string> variants)
    {
        if (node == null) return null;
        node.WithKeys("baseline");
        string? baseline = null;
        if (node.Optional("baseline") is { } b)
        {
            baseline = b.Text();
            if (!variants.Contains(baseline))
                throw b.Error($"unknown variant '{baseline}'; expected one of: {string.Join(", ", variants)}");
        }
        return baseline;
    }
}
