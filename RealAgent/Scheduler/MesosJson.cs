using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Tasks;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.RealAgent.Scheduler;

/// <summary>
/// The JSON spelling of the scheduler API, after Mesos's v1 protobufs in their JSON form
/// (include/mesos/v1/mesos.proto, scheduler/scheduler.proto): snake_case fields, ids as <c>{"value": ...}</c>,
/// resources as a list of named scalars, task states as TASK_RUNNING and so on.
/// </summary>
public static class MesosJson
{
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    private static readonly (string Name, Core.Resources.ResourceKind Kind)[] Scalars =
    [
        ("cpus", Core.Resources.ResourceKind.Cpus), ("mem", Core.Resources.ResourceKind.Mem),
        ("disk", Core.Resources.ResourceKind.Disk), ("gpus", Core.Resources.ResourceKind.Gpus),
    ];

    public static JsonObject Id(string value) => new() { ["value"] = value };

    /// <summary>Resources as Mesos lists them; the <paramref name="reserved"/> part carries a reservation for
    /// <paramref name="role"/>.
    /// <paramref name="allocationRole"/>, when given, is written as each resource's allocation_info.role (what an
    /// offer's resources say in Mesos). <paramref name="revocable"/> marks each resource with
    /// <c>"revocable": {}</c> (mesos.proto Resource.RevocableInfo, an empty message).</summary>
    public static JsonArray Resources(R resources, R reserved = default, string? role = null, string? allocationRole = null, bool revocable = false)
    {
        var list = new JsonArray();
        Add(list, resources - reserved, null, allocationRole, revocable);
        if (!reserved.IsEmpty) Add(list, reserved, role, allocationRole, revocable);
        return list;
    }

    /// <summary>
    /// Whether a resource list is revocable: every resource carries <c>revocable</c> (an object), or none does.
    /// A task mixing them is refused as Mesos refuses it (src/master/validation.cpp,
    /// validateRevocableAndNonRevocableResources); null for an empty list.
    /// </summary>
    public static bool? ReadRevocable(JsonElement resources, string field)
    {
        bool? revocable = null;
        int i = 0;
        foreach (var item in resources.EnumerateArray())
        {
            var at = $"{field}[{i++}].revocable";
            bool marked = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("revocable", out var info)
                && (info.ValueKind == JsonValueKind.Object ? true : throw new SchedulerCallException(at, "expected {} (Resource.RevocableInfo)"));
            if (revocable is { } before && before != marked)
                throw new SchedulerCallException(at, "expected every resource revocable or none: a task cannot mix revocable and non-revocable resources");
            revocable = marked;
        }
        return revocable;
    }

    private static void Add(JsonArray list, R resources, string? role, string? allocationRole, bool revocable)
    {
        foreach (var (name, kind) in Scalars)
        {
            double value = resources[kind];
            if (value == 0) continue;
            var entry = new JsonObject { ["name"] = name, ["type"] = "SCALAR", ["scalar"] = new JsonObject { ["value"] = value } };
            if (role != null) entry["reservations"] = new JsonArray(new JsonObject { ["type"] = "DYNAMIC", ["role"] = role });
            if (allocationRole != null) entry["allocation_info"] = new JsonObject { ["role"] = allocationRole };
            if (revocable) entry["revocable"] = new JsonObject();
            list.Add(entry);
        }
    }

    /// <summary>Reads a resource list; <paramref name="field"/> names it in errors.</summary>
    public static R ReadResources(JsonElement element, string field) => ReadOfferResources(element, field).Total;

    /// <summary>A resource list: all of it, and the part carrying a reservation (an offer's reserved part).</summary>
    public static (R Total, R Reserved) ReadOfferResources(JsonElement element, string field)
    {
        if (element.ValueKind != JsonValueKind.Array) throw new SchedulerCallException(field, "expected a list of resources like [{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":1}}]");
        var total = R.Empty;
        var reserved = R.Empty;
        int i = 0;
        foreach (var item in element.EnumerateArray())
        {
            var at = $"{field}[{i++}]";
            var name = RequiredString(item, "name", at);
            var kind = Scalars.FirstOrDefault(s => s.Name == name);
            if (kind.Name == null) throw new SchedulerCallException($"{at}.name", $"expected one of cpus, mem, disk, gpus, found '{name}'");
            if (!item.TryGetProperty("scalar", out var scalar) || scalar.ValueKind != JsonValueKind.Object
                || !scalar.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Number)
                throw new SchedulerCallException($"{at}.scalar.value", "expected a number");
            double amount = value.GetDouble();
            if (amount < 0 || double.IsNaN(amount) || amount > 1e12) throw new SchedulerCallException($"{at}.scalar.value", $"expected a non-negative number, found {amount.ToString(CultureInfo.InvariantCulture)}");
            var part = R.Empty.With(kind.Kind, amount);
            total += part;
            if (item.TryGetProperty("reservations", out var r) && r.ValueKind == JsonValueKind.Array && r.GetArrayLength() > 0) reserved += part;
        }
        return (total, reserved);
    }

    public static string StateName(TaskState state) => "TASK_" + state.Name();

    public static bool TryParseState(string text, out TaskState state)
    {
        foreach (var s in Enum.GetValues<TaskState>())
            if (StateName(s) == text)
            {
                state = s;
                return true;
            }
        state = default;
        return false;
    }

    public static string RequiredString(JsonElement element, string name, string at)
    {
        var field = at.Length == 0 ? name : $"{at}.{name}";
        if (element.ValueKind != JsonValueKind.Object) throw new SchedulerCallException(at.Length == 0 ? "body" : at, "expected a JSON object");
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
            throw new SchedulerCallException(field, "expected a non-empty string");
        return value.GetString()!;
    }

    /// <summary>An id object <c>{"value": "..."}</c> at <paramref name="name"/>.</summary>
    public static string RequiredId(JsonElement element, string name, string at)
    {
        var field = at.Length == 0 ? name : $"{at}.{name}";
        if (element.ValueKind != JsonValueKind.Object) throw new SchedulerCallException(at.Length == 0 ? name : at, "expected an object");
        if (!element.TryGetProperty(name, out var id) || id.ValueKind != JsonValueKind.Object)
            throw new SchedulerCallException(field, "expected an id object {\"value\": \"...\"}");
        return RequiredString(id, "value", field);
    }

    /// <summary>Filters.refuse_seconds (Mesos's default 5 s when absent).</summary>
    public static OfferFilter ReadFilters(JsonElement call, string at)
    {
        if (!call.TryGetProperty("filters", out var filters)) return OfferFilter.Default;
        if (filters.ValueKind != JsonValueKind.Object) throw new SchedulerCallException($"{at}.filters", "expected an object {\"refuse_seconds\": N}");
        if (!filters.TryGetProperty("refuse_seconds", out var seconds)) return OfferFilter.Default;
        if (seconds.ValueKind != JsonValueKind.Number || seconds.GetDouble() < 0 || seconds.GetDouble() > 365 * 86400.0)
            throw new SchedulerCallException($"{at}.filters.refuse_seconds", "expected a number of seconds from 0 to a year");
        return new OfferFilter(Core.Timing.Duration.FromSeconds(seconds.GetDouble()));
    }
}
