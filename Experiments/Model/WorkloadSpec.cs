using ClusterSim.Workloads.Synthetic;

namespace ClusterSim.Experiments.Model;

/// <summary>Where a framework's jobs come from: drawn from distributions, or replayed from a trace.</summary>
public sealed record WorkloadSpec(SyntheticWorkload? Synthetic, TraceSource? Trace);
