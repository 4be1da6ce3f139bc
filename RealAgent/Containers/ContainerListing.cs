namespace ClusterSim.RealAgent.Containers;

/// <summary>One container of a list by label: its id, phase and every label it carries.</summary>
public sealed record ContainerListing(string Id, ContainerPhase Phase, IReadOnlyDictionary<string, string> Labels);
