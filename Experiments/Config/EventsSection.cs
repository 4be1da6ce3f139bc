using ClusterSim.Allocators;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Model;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// Reads <c>events</c>: operator actions at fixed times, <c>{ at, setQuota | setWeight | reserve | unreserve }</c>,
/// each naming a known role (and, for reservations, an agent of the cluster's groups), the framework
/// lifecycle actions <see cref="FrameworkEventsReader"/> reads and the maintenance windows
/// <see cref="MaintenanceEventsReader"/> reads, and scripted faults:
/// <c>failAgent: { agent, repairAfter? }</c>, <c>repairAgent: { agent }</c>,
/// <c>failRack: { attribute? (rack), value, repairAfter? }</c>, <c>failMaster: {}</c>.
/// </summary>
public static class EventsSection
{
    private static readonly string[] Actions =
        ["setQuota", "setWeight", "reserve", "unreserve", MaintenanceEventsReader.Action, .. FrameworkEventsReader.Actions,
            .. AgentEventsReader.Actions, "failAgent", "repairAgent", "failRack", "failMaster"];

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
            string Agent(YamlNode b)
            {
                var agentNode = b.Required("agent", "an agent name, e.g. agent-0-3");
                if (!agents.ContainsKey(agentNode.Text()))
                    throw agentNode.Error($"unknown agent '{agentNode.Text()}' (agents are named <name prefix><index>, e.g. agent-0-0)");
                return agentNode.Text();
            }
            Duration? RepairAfter(YamlNode b)
            {
                if (b.Optional("repairAfter") is not { } r) return null;
                var d = r.Duration();
                if (d.Micros < 0 || d.IsForever) throw r.Error("expected a finite time such as 30m");
                return d;
            }
            switch (action)
            {
                case "failAgent":
                    body.WithKeys("agent", "repairAfter");
                    ev = new ClusterEvent(at, ClusterEventKind.FailAgent, "") { Agent = Agent(body), RepairAfter = RepairAfter(body) };
                    break;
                case "repairAgent":
                    body.WithKeys("agent");
                    ev = new ClusterEvent(at, ClusterEventKind.RepairAgent, "") { Agent = Agent(body) };
                    break;
                case "failRack":
                    {
                        body.WithKeys("attribute", "value", "repairAfter");
                        var attribute = body.OptionalString("attribute") ?? "rack";
                        var valueNode = body.Required("value", "the attribute's value whose agents fail, e.g. r3");
                        if (cluster.Groups.Count > 0 && !cluster.Groups.Any(g => g.Attributes.ContainsKey(attribute)))
                            throw (body.Optional("attribute") ?? body).Error($"no agent group has the attribute '{attribute}'");
                        ev = new ClusterEvent(at, ClusterEventKind.FailRack, "")
                        {
                            Attribute = attribute,
                            Value = valueNode.Text(),
                            RepairAfter = RepairAfter(body),
                        };
                        break;
                    }
                case "failMaster":
                    if (!body.IsMap) throw body.Error("expected {} (the spreads come from faults.master)");
                    body.WithKeys();
                    ev = new ClusterEvent(at, ClusterEventKind.FailMaster, "");
                    break;
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
