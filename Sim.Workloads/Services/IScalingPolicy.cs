namespace ClusterSim.Workloads.Services;

/// <summary>How many instances a request-driven service wants, given what its metric read.</summary>
public interface IScalingPolicy
{
    AutoscaleMetric Metric { get; }

    /// <summary>The instance count wanted now (before min and max are applied), from the current target,
    /// the instances serving and the metric (never NaN: a period without a reading makes no decision).</summary>
    int Desired(int target, int serving, double metric);
}
