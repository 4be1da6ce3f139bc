using ClusterSim.Core.Resources;
using ClusterSim.Workloads.Model;

namespace ClusterSim.Workloads.Traces.Alibaba2018;

/// <summary>A usable batch_task row, kept compactly until its job is assembled. <see cref="PlanCpu"/> and
/// <see cref="PlanMem"/> are the trace's own figures (the usage fraction divides by them exactly);
/// <see cref="Usage"/> is the instances' usage fraction, once joined.</summary>
internal sealed record BatchTaskRow(
    string TaskName,
    int Instances,
    long StartSeconds,
    long EndSeconds,
    Resources Request,
    TaskOutcome Outcome,
    double PlanCpu,
    double PlanMem)
{
    public double? Usage { get; init; }
}
