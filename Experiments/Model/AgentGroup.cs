using ClusterSim.Core.Resources;

namespace ClusterSim.Experiments.Model;

/// <summary><see cref="Count"/> identical agents. Attribute values may use {i} (the agent's index in the
/// group), {i%N} and {i/N}, e.g. rack: "r{i%40}".</summary>
public sealed record AgentGroup(int Count, ResourceSet Resources, IReadOnlyDictionary<string, string> Attributes, string NamePrefix);
