namespace ClusterSim.Workloads.Services;

/// <summary>
/// Target tracking as AWS Application Auto Scaling describes it: the capacity that would bring the metric to
/// <see cref="Target"/> if it scaled in proportion, ceil(serving x metric / target). It scales out at once,
/// never below the current target (instances still waiting for offers are not given up), and scales in
/// gradually, by at most a tenth of the serving instances (at least one) per action, since a metric such as
/// latency does not fall in proportion and a deep cut would overshoot.
/// </summary>
public sealed record TargetTracking(AutoscaleMetric Metric, double Target) : IScalingPolicy
{
    public int Desired(int target, int serving, double metric)
    {
        if (serving == 0) return target;
        int proportional = (int)Math.Min(int.MaxValue, Math.Ceiling(serving * metric / Target - 1e-9));
        if (proportional > serving) return Math.Max(target, proportional);
        if (proportional == serving) return target;
        int floor = serving - Math.Max(1, serving / 10);
        return Math.Min(target, Math.Max(proportional, floor));
    }
}
