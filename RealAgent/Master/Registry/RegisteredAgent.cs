namespace ClusterSim.RealAgent.Master.Registry;

/// <summary>An admitted agent as the registry keeps it (Mesos's Registry.Slave: its SlaveInfo): who it is,
/// where the master reaches it, what it offers and the principal it registered as.</summary>
public sealed record RegisteredAgent(string Name, string Url, string Resources, IReadOnlyDictionary<string, string> Attributes, string Principal);
