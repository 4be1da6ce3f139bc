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

    public Alibaba2018Options Validated()
    {
        Trace.Validated();
        if (!(MachineMemoryMb > 0))
            throw new ArgumentException($"Alibaba machine memory: expected a positive number of MB, found {MachineMemoryMb}");
        return this;
    }
}
