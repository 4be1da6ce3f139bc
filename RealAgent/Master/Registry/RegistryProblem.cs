namespace ClusterSim.RealAgent.Master.Registry;

/// <summary>A registry entry that could not be read: its etcd key and what was expected there. Reported,
/// never silently dropped; the entry stays in etcd for the operator to look at.</summary>
public sealed record RegistryProblem(string Key, string Problem)
{
    public override string ToString() => $"registry entry {Key}: {Problem}";
}
