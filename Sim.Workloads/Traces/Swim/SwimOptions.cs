namespace ClusterSim.Workloads.Traces.Swim;

/// <summary>How a SWIM workload becomes jobs.</summary>
public sealed record SwimOptions
{
    public TraceOptions Trace { get; init; } = TraceOptions.Default;
    public SwimTaskModel Model { get; init; } = SwimTaskModel.Default;
}
