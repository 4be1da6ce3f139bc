using ClusterSim.Allocators;
using ClusterSim.Experiments.Model;
using ClusterSim.Workloads.Frameworks;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// A framework's <c>role</c> (one, default <c>*</c>) or <c>roles</c> (several: Mesos's MULTI_ROLE framework,
/// offered and accounted per role; include/mesos/v1/mesos.proto FrameworkInfo.roles, checked as
/// src/master/validation.cpp validateRoles does: valid names, no duplicates), and <c>workloads</c>, a batch or
/// gang framework's work per role.
/// </summary>
public static class FrameworkRoles
{
    public static IReadOnlyList<string> Read(YamlNode f)
    {
        if (f.Optional("roles") is not { } list)
        {
            var role = f.OptionalString("role") ?? "*";
            if (RoleNames.Problem(role) is { } problem) throw f.Required("role", "a role name").Error(problem);
            return [role];
        }
        if (f.Optional("role") != null)
            throw list.Error("expected either role (one role) or roles (several: a MULTI_ROLE framework), not both");
        var items = list.Items();
        if (items.Count == 0) throw list.Error("expected at least one role, such as [analytics, web]");
        var roles = new List<string>();
        foreach (var item in items)
        {
            var name = item.Text();
            if (RoleNames.Problem(name) is { } problem) throw item.Error(problem);
            if (roles.Contains(name, StringComparer.Ordinal)) throw item.Error($"role '{name}' is listed twice");
            roles.Add(name);
        }
        return roles;
    }

    /// <summary><c>workloads: { role: workload, ... }</c>: a batch or gang framework in several roles runs each
    /// role's work only on offers made to that role, and suppresses and revives each role on its own.</summary>
    public static IReadOnlyList<(string Role, WorkloadSpec Workload)> Workloads(YamlNode node, IReadOnlyList<string> roles,
        FrameworkKind kind, string baseDir)
    {
        // A service never reaches here: it has no workload (FrameworksSection).
        if (kind is not (FrameworkKind.Batch or FrameworkKind.Gang))
            throw node.Error($"workloads (work per role) applies to batch and gang frameworks only, not {kind.ToString().ToLowerInvariant()}");
        if (roles.Count < 2)
            throw node.Error("workloads pins work to roles of a framework in several roles; with one role, use workload");
        if (!node.IsMap) throw node.Error("expected a map from each role to its workload, such as { analytics: { synthetic: ... } }");
        var workloads = new List<(string, WorkloadSpec)>();
        foreach (var (role, value) in node.Entries())
        {
            if (!roles.Contains(role, StringComparer.Ordinal))
                throw value.Error($"'{role}' is not one of the framework's roles ({string.Join(", ", roles)})");
            workloads.Add((role, WorkloadSection.Read(value, baseDir)));
        }
        if (workloads.Count == 0) throw node.Error("expected a workload for at least one of the framework's roles");
        return workloads;
    }
}
