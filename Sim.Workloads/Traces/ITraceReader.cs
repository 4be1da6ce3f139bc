using ClusterSim.Workloads.Model;

namespace ClusterSim.Workloads.Traces;

/// <summary>
/// A trace opened with its options. Each call to a Read method streams the trace afresh (nothing is cached
/// between calls) and records what it read and skipped in the given report.
/// </summary>
public interface ITraceReader
{
    TraceFormat Format { get; }

    /// <summary>The file or folder the trace is read from.</summary>
    string Path { get; }

    /// <summary>Job arrivals in nondecreasing <see cref="WorkloadJob.Submit"/>, ties in trace order.</summary>
    /// <exception cref="TraceFormatException">A row does not follow the schema (thrown when the enumeration reaches it).</exception>
    IEnumerable<WorkloadJob> ReadJobs(TraceReport report);

    /// <summary>The cluster: machine events in nondecreasing <see cref="MachineEvent.At"/>. Empty when the
    /// trace has no machines and the options give none.</summary>
    IEnumerable<MachineEvent> ReadMachines(TraceReport report);
}
