namespace ClusterSim.RealAgent.Master.Registry;

/// <summary>A role's quota as the operator set it (Mesos's Registry.quota_configs), in the text form of the
/// operator endpoint: guarantee and limit such as <c>cpus:4;mem:8192</c>; null limit: none.</summary>
public sealed record RegisteredQuota(string Role, string Guarantee, string? Limit);
