using ClusterSim.Workloads.Traces;

namespace ClusterSim.Experiments.Model;

/// <summary>A trace to read jobs or machines from, and how. Format-specific keys: <see cref="Machine"/>
/// (google-2011: the machine size normalised units are scaled to), <see cref="PriorityRange"/>
/// (google-2011 filter), <see cref="OpenTasks"/> (google-2011), <see cref="ProcessorSize"/> and <see cref="Processors"/>
/// (swf), <see cref="MachineMemoryMb"/> (alibaba-2018), <see cref="Usage"/> (google-2011, alibaba-2018).</summary>
public sealed record TraceSource(TraceFormat Format, string Path, TraceOptions Options)
{
    public Core.Resources.Resources? Machine { get; init; }
    public (int Low, int High)? PriorityRange { get; init; }
    public Core.Resources.Resources? ProcessorSize { get; init; }
    public long? Processors { get; init; }
    public double? MachineMemoryMb { get; init; }
    public OpenTaskRule? OpenTasks { get; init; }

    /// <summary>The trace's usage table (each task's usage fraction for the oversubscription model); null: none.</summary>
    public TraceUsageOptions? Usage { get; init; }

    /// <summary>For a framework's workload: which jobs can ever start on the cluster; the others are left out
    /// of the replay (and counted in a warning before the run). Null: replay every job.</summary>
    public JobFit? Fit { get; init; }
}
