namespace ClusterSim.Workloads.Traces.Alibaba2018;

/// <summary>How an Alibaba cluster-trace-v2018 becomes a cluster and a workload.</summary>
public sealed record Alibaba2018Options
{
    public TraceOptions Trace { get; init; } = TraceOptions.Default;

    /// <summary>
    /// Memory, in MB, of a machine whose normalised mem_size is 100. The trace publishes memory only
    /// normalised (0-100), so the replay's scale is an assumption stated here: 131072 MB (128 GiB) unless set.
    /// Task plan_mem (also 0-100) is scaled by the same figure.
    /// </summary>
    public double MachineMemoryMb { get; init; } = 131072;

    /// <summary>
    /// The batch_instance table, when the replay should carry each task's measured usage: a task's fraction is
    /// the mean cpu_avg of its instances over its plan_cpu (both 100 = one core; memory: mean mem_avg over
    /// plan_mem, both normalised 0-100), clamped to [0, 1]. Null: no usage.
    /// </summary>
    public TraceUsageOptions? Usage { get; init; }

    public Alibaba2018Options Validated()
    {
        Trace.Validated();
        if (!(MachineMemoryMb > 0))
            throw new ArgumentException($"Alibaba machine memory: expected a positive number of MB, found {MachineMemoryMb}");
        return this;
    }
}
