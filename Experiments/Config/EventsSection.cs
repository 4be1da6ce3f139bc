using ClusterSim.Allocators;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Model;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// Reads <c>events</c>: operator actions at fixed times, <c>{ at, setQuota | setWeight | reserve | unreserve }</c>,
/// each naming a known role (and, for reservations, an agent of the cluster's groups), and the framework
/// lifecycle actions <see cref="FrameworkEventsReader"/> reads and the maintenance windows
/// <see cref="MaintenanceEventsReader"/> reads.
/// </summary>
public static class EventsSection
{
    private static readonly string[] Actions =
        ["setQuota", "setWeight", "reserve", "unreserve", MaintenanceEventsReader.Action, .. FrameworkEventsReader.Actions,
            .. AgentEventsReader.Actions];

    public static IReadOnlyList<ClusterEvent> Read(YamlNode node, IReadOnlySet<string> roles, ClusterSpec cluster,
        IReadOnlyCollection<string> frameworks)
    {
        var events = new List<ClusterEvent>();
        var agents = new Dictionary<string, Core.Resources.Resources>(StringComparer.Ordinal);
        foreach (var group in cluster.Groups)
            for (int i = 0; i < group.Count && agents.Count < 1_000_000; i++) agents[group.NamePrefix + i] = group.Resources.Total;
        foreach (var e in node.Items())
        {
            e.WithKeys(["at", .. Actions]);
            var at = Time.Zero + e.Required("at", "when, e.g. 1h").Duration();
            string Role(YamlNode b)
            {
                var r = b.Required("role", "a role name");
                if (!roles.Contains(r.Text()))
                    throw r.Error($"unknown role '{r.Text()}'{NearestName.Suggestion(r.Text(), roles)}; declare it under roles or give it a framework");
                return r.Text();
            }
            var action = e.OneOf(Actions) ?? throw e.Error("expected " + string.Join(", ", Actions));
            var body = e.Required(action, "the action's arguments");
            ClusterEvent ev;
            if (action == MaintenanceEventsReader.Action)
            {
                var window = MaintenanceEventsReader.Read(body, at, agents);
                events.Add(new ClusterEvent(at, ClusterEventKind.Maintenance, "") { Maintenance = window });
                continue;
            }
            if (AgentEventsReader.Actions.Contains(action))
            {
                events.Add(new ClusterEvent(at, ClusterEventKind.Agent, "") { AgentEvent = AgentEventsReader.Read(action, body, agents) });
                continue;
            }
            if (FrameworkEventsReader.Actions.Contains(action))
            {
                var fe = FrameworkEventsReader.Read(action, body, frameworks);
                events.Add(new ClusterEvent(at, ClusterEventKind.Framework, "") { Framework = fe });
                continue;
            }
            switch (action)
            {
                case "setQuota":
                    {
                        var quota = QuotaSection.Read(body, "role");
                        var role = Role(body);
                        if (RoleNames.Parent(role) != null)
                            throw body.Required("role", "a role name").Error("quota can be set on top-level roles only (as in Mesos's allocator)");
                        ev = new ClusterEvent(at, ClusterEventKind.SetQuota, role) { Quota = quota };
                        break;
                    }
                case "setWeight":
                    {
                        body.WithKeys("role", "weight");
                        var role = Role(body);
                        var weightNode = body.Required("weight", "a positive weight");
                        var weight = weightNode.Number("a positive weight");
                        if (!(weight > 0)) throw weightNode.Error($"expected a positive weight, found {weight}");
                        ev = new ClusterEvent(at, ClusterEventKind.SetWeight, role) { Weight = weight };
                        break;
                    }
                default:
                    {
                        body.WithKeys("role", "agent", "resources");
                        var kind = action == "reserve" ? ClusterEventKind.Reserve : ClusterEventKind.Unreserve;
                        var role = Role(body);
                        var agentNode = body.Required("agent", "an agent name, e.g. agent-0-3");
                        if (!agents.TryGetValue(agentNode.Text(), out var total))
                            throw agentNode.Error($"unknown agent '{agentNode.Text()}' (agents are named <name prefix><index>, e.g. agent-0-0)");
                        var resNode = body.Required("resources", "resources such as \"cpus:2;mem:1024\"");
                        var resources = resNode.Resources();
                        if (resources.IsEmpty) throw resNode.Error("expected some resources");
                        if (!total.Contains(resources)) throw resNode.Error($"{resources} is more than agent '{agentNode.Text()}' has ({total})");
                        ev = new ClusterEvent(at, kind, role) { Agent = agentNode.Text(), Resources = resources };
                        break;
                    }
            }
            events.Add(ev);
        }
        return events.OrderBy(x => x.At).ToArray();
    }
}
