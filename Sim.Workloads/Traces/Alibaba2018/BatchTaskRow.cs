using ClusterSim.Core.Resources;
using ClusterSim.Workloads.Model;

namespace ClusterSim.Workloads.Traces.Alibaba2018;

/// <summary>A usable batch_task row, kept compactly until its job is assembled.</summary>
internal sealed record BatchTaskRow(
    string TaskName,
    int Instances,
    long StartSeconds,
    long EndSeconds,
    Resources Request,
    TaskOutcome Outcome);
