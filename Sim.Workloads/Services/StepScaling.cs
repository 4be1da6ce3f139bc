namespace ClusterSim.Workloads.Services;

/// <summary>
/// Step scaling (AWS's step adjustments): when the metric is above some scale-out steps' thresholds, the
/// step with the highest such threshold adds its instances to the target; otherwise, when it is below some
/// scale-in steps' thresholds, the step with the lowest such threshold removes its instances.
/// </summary>
public sealed record StepScaling(AutoscaleMetric Metric, IReadOnlyList<ScalingStep> Steps) : IScalingPolicy
{
    public int Desired(int target, int serving, double metric)
    {
        ScalingStep? pick = null;
        foreach (var s in Steps)
            if (s.IsScaleOut && metric > s.Threshold && (pick == null || s.Threshold > pick.Threshold)) pick = s;
        if (pick == null)
            foreach (var s in Steps)
                if (!s.IsScaleOut && metric < s.Threshold && (pick == null || s.Threshold < pick.Threshold)) pick = s;
        return pick == null ? target : (int)Math.Clamp((long)target + pick.Change, 0, int.MaxValue);
    }
}
