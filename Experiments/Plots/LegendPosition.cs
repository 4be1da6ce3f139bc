namespace ClusterSim.Experiments.Plots;

/// <summary>Where the legend goes. It is always outside the plot area, so it never covers data.</summary>
public enum LegendPosition
{
    /// <summary>Right of the plot when the legend is narrow and short enough, otherwise below it.</summary>
    Auto,
    Right,
    Below,
}
