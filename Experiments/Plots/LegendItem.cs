namespace ClusterSim.Experiments.Plots;

/// <summary>One legend entry: a line sample (for line charts) or a filled box (for bars) next to the name.</summary>
internal sealed record LegendItem(string Name, string Colour, string? Dash, bool Box);
