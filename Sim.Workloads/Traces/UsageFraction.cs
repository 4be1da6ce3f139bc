namespace ClusterSim.Workloads.Traces;

/// <summary>
/// A task's usage fraction from its trace: the mean used over the request (both in the trace's own units, so
/// the ratio is unitless), clamped to [0, 1]. <see cref="Value"/> is null when the trace gives none (no usage
/// samples, or a request of 0 to divide by): the task then takes its framework's <c>usage:</c> draw.
/// </summary>
internal readonly record struct UsageFraction(double? Value, bool Clamped)
{
    public static readonly UsageFraction None = new(null, false);

    public static UsageFraction Of(UsageMean? mean, double cpuRequest, double memRequest, UsageRatio ratio)
    {
        if (mean is null) return None;
        double? cpu = mean.Cpu is { } c && cpuRequest > 0 ? c / cpuRequest : null;
        double? mem = mean.Mem is { } m && memRequest > 0 ? m / memRequest : null;
        double? value = ratio switch
        {
            UsageRatio.Cpu => cpu,
            UsageRatio.Mem => mem,
            _ => cpu is { } a && mem is { } b ? Math.Max(a, b) : cpu ?? mem,
        };
        // A task may use more than it asked for (Borg and Fuxi let it burst into idle capacity); the model's
        // fraction is of the allocation, so it stops at 1.
        return value is { } v ? new UsageFraction(Math.Min(v, 1), v > 1) : None;
    }
}
