using ClusterSim.Workloads.Model;
using ClusterSim.Workloads.Traces;

namespace ClusterSim.Experiments.Model;

/// <summary>A trace reader that leaves out the jobs <see cref="Fit"/> says can never start.</summary>
public sealed class SchedulableTrace(ITraceReader inner, JobFit fit) : ITraceReader
{
    public JobFit Fit { get; } = fit;
    public TraceFormat Format => inner.Format;
    public string Path => inner.Path;

    public IEnumerable<WorkloadJob> ReadJobs(TraceReport report) => inner.ReadJobs(report).Where(Fit.Schedulable);

    public IEnumerable<MachineEvent> ReadMachines(TraceReport report) => inner.ReadMachines(report);
}
