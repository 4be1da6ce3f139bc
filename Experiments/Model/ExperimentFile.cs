namespace ClusterSim.Experiments.Model;

/// <summary>A parsed experiment file: its name and every variant, each validated before anything runs.</summary>
public sealed record ExperimentFile(string Name, string Path, IReadOnlyList<ExperimentSpec> Variants);
