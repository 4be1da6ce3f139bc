using ClusterSim.Core.Resources;

namespace ClusterSim.Workloads.Traces.Swf;

/// <summary>How an SWF log becomes a workload and a cluster.</summary>
public sealed record SwfOptions
{
    /// <summary>The most processors a cluster (and so a job) may have: 2^20 (<see cref="TraceLimits.MaxTasksPerJob"/>).</summary>
    public const long MaxProcessors = TraceLimits.MaxTasksPerJob;

    public TraceOptions Trace { get; init; } = TraceOptions.Default;

    /// <summary>What one processor is: the request of each task of a gang job, and the unit of cluster capacity.</summary>
    public Resources ProcessorSize { get; init; } = Resources.Of(cpus: 1);

    /// <summary>
    /// Cluster size in processors (the experiment file's trace key <c>processors</c>); null to take the header's
    /// MaxProcs (or MaxNodes when MaxProcs is absent).
    /// </summary>
    public long? Processors { get; init; }

    public SwfOptions Validated()
    {
        Trace.Validated();
        if (ProcessorSize.IsEmpty || ProcessorSize.HasNegative)
            throw new ArgumentException($"SWF processor: expected a non-empty request without negative values such as cpus:1;mem:1024, found {ProcessorSize}");
        if (Processors is < 1 or > MaxProcessors)
            throw new ArgumentException($"SWF processors: expected a number of processors from 1 to {MaxProcessors}, found {Processors}");
        return this;
    }
}
