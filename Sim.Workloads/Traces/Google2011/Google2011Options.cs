using ClusterSim.Core.Resources;

namespace ClusterSim.Workloads.Traces.Google2011;

/// <summary>How the Google cluster trace 2011 becomes a cluster and a workload.</summary>
public sealed record Google2011Options
{
    public TraceOptions Trace { get; init; } = TraceOptions.Default;

    /// <summary>
    /// The machine whose normalised capacity is 1.0. The trace normalises CPU, memory and disk per resource
    /// to the largest machine (schema doc), so this is the replay's scale for task requests and machine
    /// capacities. Default cpus:32;mem:131072; disk is left out unless set here.
    /// </summary>
    public Resources MachineSize { get; init; } = Resources.Of(cpus: 32, mem: 131072);

    /// <summary>Lowest priority kept (0-11; 0-1 free, 2-8 batch, 9-11 production).</summary>
    public int MinPriority { get; init; }

    /// <summary>Highest priority kept.</summary>
    public int MaxPriority { get; init; } = 11;

    /// <summary>What happens to task attempts the window cuts (default <see cref="OpenTaskRule.ClipToWindow"/>).</summary>
    public OpenTaskRule OpenTasks { get; init; } = OpenTaskRule.ClipToWindow;

    /// <summary>
    /// The task_usage table, when the replay should carry each task attempt's measured usage: an attempt's
    /// fraction is the time-weighted mean CPU rate of the rows measured on its machine while it ran, over its
    /// CPU request (both normalised to the largest machine, so the ratio is unitless; memory: canonical memory
    /// usage over the memory request), clamped to [0, 1]; without such rows, its task's mean over all its rows
    /// (<see cref="GoogleTaskUsage"/>). Null: no usage.
    /// </summary>
    public TraceUsageOptions? Usage { get; init; }

    public Google2011Options Validated()
    {
        Trace.Validated();
        if (MinPriority > MaxPriority)
            throw new ArgumentException($"Google priority filter: expected lo <= hi, found [{MinPriority}, {MaxPriority}]");
        if (MachineSize.Cpus <= 0 || MachineSize.Mem <= 0 || MachineSize.HasNegative)
            throw new ArgumentException($"Google machine size: expected positive cpus and mem such as cpus:32;mem:131072, found {MachineSize}");
        return this;
    }
}
