namespace ClusterSim.Workloads.Synthetic;

/// <summary>The distributions an experiment file can name.</summary>
public enum DistributionKind
{
    Constant,
    Uniform,
    Exponential,
    LogNormal,
    Pareto,
    Normal,
    Weibull,
}
