namespace ClusterSim.RealAgent.Master.Registry;

/// <summary>A framework the master gave an id, with what it subscribed with and its failover timeout, so a new
/// leader takes it back under the same id (Mesos keeps no frameworks in its registry and learns them from
/// re-registering agents; the project keeps them so that a framework without running tasks survives too).</summary>
/// <param name="Roles">A MULTI_ROLE framework's roles, <paramref name="Role"/> first (null: its one role).</param>
public sealed record RegisteredFramework(int Id, string Name, string Role, string Principal, double FailoverSeconds, IReadOnlyList<string> Capabilities,
    IReadOnlyList<string>? Roles = null);
