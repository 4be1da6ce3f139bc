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

    /// <param name="sentAtUnixMs">When the master queued the event (Unix milliseconds, wall clock), written as
    /// <c>offers.sent_at_unix_ms</c> so a client on the same clock can tell how long offers took to reach it
    /// (<c>clustersim bench live</c> does); not a Mesos field, and clients may ignore it.</param>
    public static string Offers(IReadOnlyList<Offer> offers, string role, double? sentAtUnixMs = null)
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
        var section = new JsonObject { ["offers"] = list };
        if (sentAtUnixMs is { } sent) section["sent_at_unix_ms"] = Math.Round(sent, 3);
        return Line(new JsonObject { ["type"] = "OFFERS", ["offers"] = section });
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
