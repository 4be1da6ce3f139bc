namespace ClusterSim.Experiments.Model;

/// <summary>Each attempt of a task of <see cref="Framework"/> fails with <see cref="FailureProbability"/>, at a
/// uniformly random point of its run.</summary>
public sealed record TaskFaults(string Framework, double FailureProbability);
