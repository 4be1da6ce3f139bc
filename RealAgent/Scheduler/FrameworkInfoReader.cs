using System.Globalization;
using System.Text.Json;
using ClusterSim.Core.Cluster;
using ClusterSim.RealAgent.Security;

namespace ClusterSim.RealAgent.Scheduler;

/// <summary>
/// Reads a FrameworkInfo (include/mesos/v1/mesos.proto) as SUBSCRIBE and UPDATE_FRAMEWORK carry it, checked as
/// Mesos's src/master/validation.cpp (validateRoles) checks it: a framework with the MULTI_ROLE capability
/// names its roles in <c>roles</c> and must not set <c>role</c>; any other names one <c>role</c> (default
/// <c>*</c>) and must not set <c>roles</c>; roles are valid names without duplicates. Errors name the field.
/// </summary>
internal static class FrameworkInfoReader
{
    /// <summary>The capability a framework states with MULTI_ROLE (kept in <see cref="FrameworkInfo.Capabilities"/>).</summary>
    public const string MultiRole = "multi_role";

    public static (FrameworkInfo Info, TimeSpan? Failover, int? Id) Read(JsonElement info, string at, Principal principal)
    {
        if (info.ValueKind != JsonValueKind.Object) throw new SchedulerCallException(at, "expected an object with name and role (or roles)");
        var name = MesosJson.RequiredString(info, "name", at);
        if (name.Length > 200) throw new SchedulerCallException($"{at}.name", "expected at most 200 characters");
        var capabilities = Capabilities(info, at);
        var roles = Roles(info, at, capabilities.Contains(MultiRole));
        if (info.TryGetProperty("principal", out var stated) && (stated.ValueKind != JsonValueKind.String || stated.GetString() != principal.Name))
            throw new SchedulerCallException($"{at}.principal", $"expected the authenticated principal '{principal.Name}'");
        TimeSpan? failover = null;
        if (info.TryGetProperty("failover_timeout", out var seconds))
        {
            if (seconds.ValueKind != JsonValueKind.Number || seconds.GetDouble() < 0 || seconds.GetDouble() > 365 * 86400.0)
                throw new SchedulerCallException($"{at}.failover_timeout", "expected a number of seconds from 0 to a year");
            failover = TimeSpan.FromSeconds(seconds.GetDouble());
        }
        int? id = null;
        if (info.TryGetProperty("id", out _))
        {
            var text = MesosJson.RequiredId(info, "id", at);
            id = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new SchedulerCallException($"{at}.id.value", $"expected a framework id this master gave, found '{text}'");
        }
        return (new FrameworkInfo(name, roles[0]) { Roles = roles, Capabilities = capabilities }, failover, id);
    }

    private static SortedSet<string> Capabilities(JsonElement info, string at)
    {
        var capabilities = new SortedSet<string>(StringComparer.Ordinal);
        if (!info.TryGetProperty("capabilities", out var caps)) return capabilities;
        if (caps.ValueKind != JsonValueKind.Array) throw new SchedulerCallException($"{at}.capabilities", "expected a list like [{\"type\":\"GPU_RESOURCES\"}]");
        int i = 0;
        foreach (var cap in caps.EnumerateArray())
        {
            var type = MesosJson.RequiredString(cap, "type", $"{at}.capabilities[{i++}]");
            if (type == "GPU_RESOURCES") capabilities.Add("gpu");
            if (type == "PARTITION_AWARE") capabilities.Add(Core.Cluster.Master.PartitionAware);
            if (type == "MULTI_ROLE") capabilities.Add(MultiRole);
            // FrameworkInfo.Capability.REVOCABLE_RESOURCES: the framework may be offered revocable resources.
            if (type == "REVOCABLE_RESOURCES") capabilities.Add(Core.Oversubscription.RevocableResources.Capability);
        }
        return capabilities;
    }

    private static List<string> Roles(JsonElement info, string at, bool multiRole)
    {
        bool hasRoles = info.TryGetProperty("roles", out var list);
        bool hasRole = info.TryGetProperty("role", out _);
        var roles = new List<string>();
        if (!multiRole)
        {
            if (hasRoles && (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > 0))
                throw new SchedulerCallException($"{at}.roles",
                    "must not be set when the framework is not MULTI_ROLE capable; set role, or add {\"type\":\"MULTI_ROLE\"} to capabilities");
            roles.Add(hasRole ? MesosJson.RequiredString(info, "role", at) : "*");
            if (Allocators.RoleNames.Problem(roles[0]) is { } problem) throw new SchedulerCallException($"{at}.role", problem);
            return roles;
        }
        if (hasRole) throw new SchedulerCallException($"{at}.role", "must not be set when the framework is MULTI_ROLE capable; use roles");
        if (!hasRoles || list.ValueKind != JsonValueKind.Array)
            throw new SchedulerCallException($"{at}.roles", "expected a list of role names (a MULTI_ROLE framework names its roles there)");
        int i = 0;
        foreach (var role in list.EnumerateArray())
        {
            var field = $"{at}.roles[{i++}]";
            if (role.ValueKind != JsonValueKind.String) throw new SchedulerCallException(field, "expected a role name");
            var name = role.GetString()!;
            if (Allocators.RoleNames.Problem(name) is { } problem) throw new SchedulerCallException(field, problem);
            if (roles.Contains(name)) throw new SchedulerCallException(field, $"duplicate role '{name}'");
            roles.Add(name);
        }
        // Mesos accepts a MULTI_ROLE framework in no role at all (it is offered nothing); a framework here is in
        // at least one.
        if (roles.Count == 0) throw new SchedulerCallException($"{at}.roles", "expected at least one role");
        return roles;
    }

    /// <summary>A list of role names at <paramref name="field"/> (SUPPRESS/REVIVE roles, suppressed_roles);
    /// absent: empty. Names are checked here; membership in the framework's roles on the loop.</summary>
    public static List<string> RoleList(JsonElement section, string name, string at)
    {
        var roles = new List<string>();
        if (section.ValueKind != JsonValueKind.Object || !section.TryGetProperty(name, out var list)) return roles;
        var field = at.Length == 0 ? name : $"{at}.{name}";
        if (list.ValueKind != JsonValueKind.Array) throw new SchedulerCallException(field, "expected a list of role names");
        int i = 0;
        foreach (var role in list.EnumerateArray())
        {
            var item = $"{field}[{i++}]";
            if (role.ValueKind != JsonValueKind.String) throw new SchedulerCallException(item, "expected a role name");
            if (Allocators.RoleNames.Problem(role.GetString()!) is { } problem) throw new SchedulerCallException(item, problem);
            roles.Add(role.GetString()!);
        }
        return roles;
    }
}
