namespace ClusterSim.Experiments.Plots;

/// <summary>The rectangle data is drawn in, in SVG pixels; everything else (axes, legend, title) sits outside it.</summary>
internal readonly record struct PlotArea(double Left, double Top, double Right, double Bottom)
{
    public double Width => Right - Left;

    public double Height => Bottom - Top;
}
