namespace ClusterSim.Experiments.Model;

/// <summary>A parsed experiment file: its name and every variant, each validated before anything runs.</summary>
public sealed record ExperimentFile(string Name, string Path, IReadOnlyList<ExperimentSpec> Variants)
{
    /// <summary>Every variant's warnings, each once, in file order of the variants.</summary>
    public IReadOnlyList<string> Warnings => Variants.SelectMany(v => v.Warnings).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The figures: section: the size of every figure written.</summary>
    public FigureSize Figures { get; init; } = FigureSize.Default;

    /// <summary>The variant the others are compared with, seed by seed (compare: { baseline: NAME }; default:
    /// the first).</summary>
    public string Baseline { get; init; } = Variants.Count > 0 ? Variants[0].Variant : "";
}
