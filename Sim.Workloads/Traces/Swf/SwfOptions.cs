using ClusterSim.Core.Resources;

namespace ClusterSim.Workloads.Traces.Swf;

/// <summary>How an SWF log becomes a workload and a cluster.</summary>
public sealed record SwfOptions
{
    public TraceOptions Trace { get; init; } = TraceOptions.Default;

    /// <summary>What one processor is: the request of each task of a gang job, and the unit of cluster capacity.</summary>
    public Resources ProcessorSize { get; init; } = Resources.Of(cpus: 1);

    /// <summary>Cluster size in processors; null to take the header's MaxProcs (or MaxNodes when MaxProcs is absent).</summary>
    public int? Processors { get; init; }
}
