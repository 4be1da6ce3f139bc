namespace ClusterSim.Core.Tasks;

/// <summary>What a live agent runs for a task: an image and a command. Simulation ignores it.</summary>
public sealed record ContainerSpec(string Image, IReadOnlyList<string> Command);
