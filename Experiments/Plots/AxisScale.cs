namespace ClusterSim.Experiments.Plots;

/// <summary>How values map to positions along an axis.</summary>
public enum AxisScale
{
    Linear,

    /// <summary>Base-10 logarithmic; values ≤ 0 cannot be placed and are left out.</summary>
    Log,
}
