using System.Text.Json.Nodes;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;

namespace ClusterSim.RealAgent.Scheduler;

/// <summary>
/// The events of the scheduler API's stream (Mesos's v1 scheduler Event), each one JSON object on one line.
/// </summary>
public static class SchedulerEvents
{
    public static string Subscribed(string frameworkId, double heartbeatSeconds) => Line(new JsonObject
    {
        ["type"] = "SUBSCRIBED",
        ["subscribed"] = new JsonObject
        {
            ["framework_id"] = MesosJson.Id(frameworkId),
            ["heartbeat_interval_seconds"] = heartbeatSeconds,
        },
    });

    public static string Offers(IReadOnlyList<Offer> offers, string role)
    {
        var list = new JsonArray();
        foreach (var offer in offers)
            list.Add(new JsonObject
            {
                ["id"] = MesosJson.Id(offer.Id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ["framework_id"] = MesosJson.Id(offer.Framework.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ["agent_id"] = MesosJson.Id(offer.AgentInfo.Name),
                ["hostname"] = offer.AgentInfo.Name,
                ["resources"] = MesosJson.Resources(offer.Resources, offer.Reserved, role),
                ["allocation_info"] = new JsonObject { ["role"] = role },
            });
        return Line(new JsonObject { ["type"] = "OFFERS", ["offers"] = new JsonObject { ["offers"] = list } });
    }

    public static string Rescind(OfferId offer) => Line(new JsonObject
    {
        ["type"] = "RESCIND",
        ["rescind"] = new JsonObject { ["offer_id"] = MesosJson.Id(offer.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
    });

    public static string Update(StatusUpdate update, string? agentName, string? uuid)
    {
        var status = new JsonObject
        {
            ["task_id"] = MesosJson.Id(update.Task.Value),
            ["state"] = MesosJson.StateName(update.State),
            ["timestamp"] = update.At.Seconds,
        };
        if (agentName != null) status["agent_id"] = MesosJson.Id(agentName);
        if (update.Reason != null) status["message"] = update.Reason;
        if (uuid != null) status["uuid"] = uuid;
        return Line(new JsonObject { ["type"] = "UPDATE", ["update"] = new JsonObject { ["status"] = status } });
    }

    public static string Failure(string agentName) => Line(new JsonObject
    {
        ["type"] = "FAILURE",
        ["failure"] = new JsonObject { ["agent_id"] = MesosJson.Id(agentName) },
    });

    public static string Error(string message) => Line(new JsonObject
    {
        ["type"] = "ERROR",
        ["error"] = new JsonObject { ["message"] = message },
    });

    public static readonly string Heartbeat = Line(new JsonObject { ["type"] = "HEARTBEAT" });

    private static string Line(JsonObject json) => json.ToJsonString(MesosJson.Options) + "\n";
}
