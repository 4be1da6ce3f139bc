using System.Text.Json.Nodes;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Oversubscription;
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
    /// <remarks>Each offer names the role it is made for (Mesos's Offer.allocation_info.role, one of a
    /// MULTI_ROLE framework's roles), and so does each of its resources (Resource.allocation_info), as Mesos's
    /// master sets them; the reserved part names its reservation's role. A revocable offer (made in the pseudo-role
    /// <see cref="RevocableResources.Role"/>) is shown as Mesos shows one: its resources carry
    /// <c>"revocable": {}</c> (mesos.proto Resource.RevocableInfo) and it is allocated to the framework's role,
    /// <paramref name="frameworkRole"/> (Mesos offers revocable resources to a role like any other).</remarks>
    public static string Offers(IReadOnlyList<Offer> offers, double? sentAtUnixMs = null,
        Func<Core.Timing.Time, long>? unixNanos = null, string? frameworkRole = null)
    {
        var list = new JsonArray();
        foreach (var offer in offers)
        {
            var entry = new JsonObject
            {
                ["id"] = MesosJson.Id(offer.Id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ["framework_id"] = MesosJson.Id(offer.Framework.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ["agent_id"] = MesosJson.Id(offer.AgentInfo.Name),
                ["hostname"] = offer.AgentInfo.Name,
                ["resources"] = MesosJson.Resources(offer.Resources, offer.Reserved, offer.Role, allocationRole: ShownRole(offer, frameworkRole),
                    revocable: RevocableResources.IsRevocable(offer)),
                ["allocation_info"] = new JsonObject { ["role"] = ShownRole(offer, frameworkRole) },
            };
            if (offer.Unavailability is { } window && unixNanos != null) entry["unavailability"] = Unavailability(window, unixNanos);
            list.Add(entry);
        }
        var section = new JsonObject { ["offers"] = list };
        if (sentAtUnixMs is { } sent) section["sent_at_unix_ms"] = Math.Round(sent, 3);
        return Line(new JsonObject { ["type"] = "OFFERS", ["offers"] = section });
    }

    /// <summary>The role an offer is shown as allocated to: its own, or for a revocable offer the framework's.</summary>
    public static string ShownRole(Offer offer, string? frameworkRole) =>
        RevocableResources.IsRevocable(offer) && frameworkRole != null ? frameworkRole : offer.Role;

    /// <summary>INVERSE_OFFERS (scheduler.proto Event.InverseOffers; mesos.proto InverseOffer): the master asks
    /// for the agents back for their maintenance windows, start and duration in wall nanoseconds.</summary>
    public static string InverseOffers(IReadOnlyList<InverseOffer> offers, Func<Core.Timing.Time, long> unixNanos)
    {
        var list = new JsonArray();
        foreach (var offer in offers)
            list.Add(new JsonObject
            {
                ["id"] = MesosJson.Id(offer.Id.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ["framework_id"] = MesosJson.Id(offer.Framework.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ["agent_id"] = MesosJson.Id(offer.AgentInfo.Name),
                ["unavailability"] = Unavailability(offer.Unavailability, unixNanos),
            });
        return Line(new JsonObject { ["type"] = "INVERSE_OFFERS", ["inverse_offers"] = new JsonObject { ["inverse_offers"] = list } });
    }

    /// <summary>RESCIND_INVERSE_OFFER: the window changed or was cancelled; answers to the offer are void.</summary>
    public static string RescindInverseOffer(OfferId offer) => Line(new JsonObject
    {
        ["type"] = "RESCIND_INVERSE_OFFER",
        ["rescind_inverse_offer"] = new JsonObject { ["inverse_offer_id"] = MesosJson.Id(offer.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
    });

    /// <summary>mesos.proto Unavailability: start (TimeInfo) and, unless unbounded, duration (DurationInfo).</summary>
    public static JsonObject Unavailability(Unavailability window, Func<Core.Timing.Time, long> unixNanos)
    {
        var json = new JsonObject { ["start"] = new JsonObject { ["nanoseconds"] = unixNanos(window.Start) } };
        if (!window.Duration.IsForever)
            json["duration"] = new JsonObject { ["nanoseconds"] = unixNanos(window.Start + window.Duration) - unixNanos(window.Start) };
        return json;
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
        // Mesos's v1 API states why in fields of their own beside the message (include/mesos/v1/mesos.proto,
        // TaskStatus.reason and .source); an evicted task's update says REASON_CONTAINER_PREEMPTED from SOURCE_AGENT
        // (src/slave/slave.cpp, _qosCorrections).
        if (update.Code.MesosName() is { } reason) status["reason"] = reason;
        if (update.Source.MesosName() is { } source) status["source"] = source;
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
