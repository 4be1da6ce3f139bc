namespace ClusterSim.RealAgent.Security;

/// <summary>
/// Who is calling, once authenticated, and what it may do (Mesos's principals and ACLs,
/// docs/authorization.md): register agents, call the operator endpoints, and subscribe frameworks under
/// some roles ("*": any role).
/// </summary>
public sealed record Principal(string Name, bool Operator, bool Agent, IReadOnlySet<string> Roles)
{
    public bool MayUseRole(string role) => Roles.Contains("*") || Roles.Contains(role);

    /// <summary>Whether the principal may subscribe frameworks at all.</summary>
    public bool IsFramework => Roles.Count > 0;
}
