using System.Text.Json;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Resources;
using ClusterSim.RealAgent.Live;
using ClusterSim.RealAgent.Scheduler;
using ClusterSim.RealAgent.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ClusterSim.RealAgent.Master;

/// <summary>
/// The operator's endpoints, with the semantics of an experiment file's timed events (Master.SetQuota,
/// SetWeight, Reserve, Unreserve): <c>POST /api/v1/operator/quota {role, guarantee, limit}</c>,
/// <c>/weights {role, weight}</c>, <c>/reserve</c> and <c>/unreserve {agent, role, resources}</c>, resources
/// in the text form <c>cpus:4;mem:8192</c>. Only principals with <c>operator: true</c> may call them.
/// </summary>
/// With etcd, each change is also kept in the registry (<paramref name="registry"/>), so a new leader has it.
public sealed class OperatorApi(Func<(LiveLoop Loop, Core.Cluster.Master Master)?> attached, Action<string> log,
    Func<Registry.RegistryRecorder?>? registry = null)
{
    public void Map(WebApplication app)
    {
        app.MapPost("/api/v1/operator/quota", context => Handle(context, "quota", SetQuota));
        app.MapPost("/api/v1/operator/weights", context => Handle(context, "weights", SetWeight));
        app.MapPost("/api/v1/operator/reserve", context => Handle(context, "reserve", (b, m) => Reservation(b, m, reserve: true)));
        app.MapPost("/api/v1/operator/unreserve", context => Handle(context, "unreserve", (b, m) => Reservation(b, m, reserve: false)));
    }

    private async Task Handle(HttpContext context, string what, Func<JsonElement, Core.Cluster.Master, Func<string>> parse)
    {
        var principal = RequestAuthentication.PrincipalOf(context);
        IResult result;
        if (!principal.Operator) result = RequestAuthentication.Forbidden(principal, $"call the operator endpoint {what}");
        else if (attached() is not { } at) result = Results.Text("503: the master is not ready yet\n", statusCode: 503);
        else
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
                var action = parse(document.RootElement, at.Master);
                var done = await at.Loop.InvokeAsync(() =>
                {
                    try
                    {
                        return (Ok: true, Message: action());
                    }
                    catch (Exception e) when (e is InvalidOperationException or ArgumentException)
                    {
                        return (Ok: false, e.Message);
                    }
                });
                if (done.Ok) log($"operator {principal.Name}: {done.Message}");
                result = done.Ok
                    ? Results.Json(new { done = done.Message })
                    : Results.Text($"409: {what}: {done.Message}\n", statusCode: StatusCodes.Status409Conflict);
            }
            catch (JsonException e)
            {
                result = Results.Text($"400: body: expected a JSON object: {e.Message}\n", statusCode: 400);
            }
            catch (SchedulerCallException e)
            {
                result = Results.Text($"400: {e.Message}\n", statusCode: 400);
            }
        }
        await result.ExecuteAsync(context);
    }

    private Func<string> SetQuota(JsonElement body, Core.Cluster.Master master)
    {
        var role = MesosJson.RequiredString(body, "role", "");
        var guarantee = Resources(body, "guarantee", required: false);
        string? limitText = body.TryGetProperty("limit", out _) ? MesosJson.RequiredString(body, "limit", "") : null;
        Core.Resources.Resources? limit = limitText == null ? null : Resources(body, "limit", required: true);
        Quota quota;
        try
        {
            quota = QuotaOf(guarantee, limitText);
        }
        catch (ArgumentException e)
        {
            throw new SchedulerCallException("limit", e.Message);
        }
        return () =>
        {
            master.SetQuota(role, quota);
            registry?.Invoke()?.QuotaSet(role, guarantee.IsEmpty ? "" : guarantee.ToString(), limitText);
            return $"quota of role {role} set (guarantee {guarantee}, limit {(limit is { } l ? l.ToString() : "none")})";
        };
    }

    /// <summary>A quota from the operator's text form: the limit names the kinds it limits (cpus:4 limits cpus
    /// only). Also how a new leader reads a quota back from the registry.</summary>
    public static Quota QuotaOf(Core.Resources.Resources guarantee, string? limitText)
    {
        if (limitText == null) return Quota.Create(guarantee, null, default);
        var limited = default(ResourceKindSet);
        foreach (var part in limitText.Split(';', StringSplitOptions.RemoveEmptyEntries))
            if (ResourceKinds.TryParse(part.Split(':')[0].Trim(), out var kind)) limited = limited.With(kind);
        return Quota.Create(guarantee, Core.Resources.Resources.Parse(limitText), limited);
    }

    private Func<string> SetWeight(JsonElement body, Core.Cluster.Master master)
    {
        var role = MesosJson.RequiredString(body, "role", "");
        if (!body.TryGetProperty("weight", out var w) || w.ValueKind != JsonValueKind.Number || !(w.GetDouble() > 0) || double.IsInfinity(w.GetDouble()))
            throw new SchedulerCallException("weight", "expected a positive number");
        double weight = w.GetDouble();
        return () =>
        {
            master.SetWeight(role, weight);
            registry?.Invoke()?.WeightSet(role, weight);
            return $"weight of role {role} set to {weight}";
        };
    }

    private Func<string> Reservation(JsonElement body, Core.Cluster.Master master, bool reserve)
    {
        var agentName = MesosJson.RequiredString(body, "agent", "");
        var role = MesosJson.RequiredString(body, "role", "");
        var resources = Resources(body, "resources", required: true);
        return () =>
        {
            if (!master.TryFindAgent(agentName, out var agent)) throw new InvalidOperationException($"agent: no agent named '{agentName}' is registered");
            if (reserve) master.Reserve(agent, role, resources);
            else master.Unreserve(agent, role, resources);
            registry?.Invoke()?.ReservationChanged(agent, role);
            return $"{(reserve ? "reserved" : "unreserved")} {resources} for role {role} on {agentName}";
        };
    }

    private static Core.Resources.Resources Resources(JsonElement body, string field, bool required)
    {
        if (!body.TryGetProperty(field, out _) && !required) return Core.Resources.Resources.Empty;
        var text = MesosJson.RequiredString(body, field, "");
        try
        {
            var parsed = Core.Resources.Resources.Parse(text);
            if (parsed.HasNegative) throw new FormatException("negative amounts");
            return parsed;
        }
        catch (FormatException e)
        {
            throw new SchedulerCallException(field, $"expected resources like cpus:4;mem:8192 ({e.Message})");
        }
    }
}
