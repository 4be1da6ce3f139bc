namespace ClusterSim.Workloads.Services;

/// <summary>One step of a step-scaling policy: add <see cref="Change"/> instances when the metric is above
/// <see cref="Threshold"/> (Change &gt; 0), or remove -Change when it is below (Change &lt; 0).</summary>
public sealed record ScalingStep(double Threshold, int Change)
{
    public bool IsScaleOut => Change > 0;
}
