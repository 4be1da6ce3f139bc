namespace ClusterSim.Allocators;

/// <summary>
/// Role names as Mesos accepts them (src/common/roles.cpp, roles::validate): <c>*</c>, or a path of
/// components separated by single slashes (<c>eng/frontend</c>, a role nested in <c>eng</c>), none of them
/// <c>.</c>, <c>..</c> or <c>*</c>, none starting with a dash or holding whitespace or a backspace.
/// </summary>
public static class RoleNames
{
    /// <summary>Why the name is not a valid role, or null when it is.</summary>
    public static string? Problem(string role)
    {
        if (role == "*") return null;
        if (role.Length == 0) return "a role name cannot be empty";
        if (role.StartsWith('/')) return $"role '{role}' cannot start with a slash";
        if (role.EndsWith('/')) return $"role '{role}' cannot end with a slash";
        if (role.Contains("//", StringComparison.Ordinal)) return $"role '{role}' cannot contain two adjacent slashes";
        foreach (var component in role.Split('/'))
        {
            if (component is "." or ".." or "*") return $"role '{role}' cannot include '{component}' as a component";
            if (component.StartsWith('-')) return $"role component '{component}' cannot start with a dash";
            if (component.Any(c => char.IsWhiteSpace(c) || c == '\b'))
                return $"role component '{component}' cannot contain whitespace or a backspace";
        }
        return null;
    }

    /// <summary>The role's parent (<c>eng</c> for <c>eng/frontend</c>), or null for a top-level role.</summary>
    public static string? Parent(string role)
    {
        int slash = role.LastIndexOf('/');
        return slash < 0 ? null : role[..slash];
    }
}
