using ClusterSim.Experiments.Model;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// Reads the agent lifecycle actions of <c>events</c>: <c>{ at, deactivateAgent: NAME }</c>,
/// <c>{ at, activateAgent: NAME }</c> and <c>{ at, drainAgent: { agent, gracePeriod } }</c> (or
/// <c>drainAgent: NAME</c>, no grace) and <c>{ at, markAgentGone: NAME }</c>, each naming an agent of the cluster's groups.
/// </summary>
public static class AgentEventsReader
{
    public static readonly string[] Actions = ["deactivateAgent", "activateAgent", "drainAgent", "markAgentGone"];

    public static AgentEvent Read(string action, YamlNode body, IReadOnlyDictionary<string, Core.Resources.Resources> agents)
    {
        string Known(YamlNode node)
        {
            if (!agents.ContainsKey(node.Text()))
                throw node.Error($"unknown agent '{node.Text()}' (agents are named <name prefix><index>, e.g. agent-0-0)");
            return node.Text();
        }
        switch (action)
        {
            case "deactivateAgent":
                return new AgentEvent(AgentEventKind.Deactivate, Known(body));
            case "activateAgent":
                return new AgentEvent(AgentEventKind.Activate, Known(body));
            case "markAgentGone":
                return new AgentEvent(AgentEventKind.MarkGone, Known(body));
            default:
                if (body.IsScalar) return new AgentEvent(AgentEventKind.Drain, Known(body));
                body.WithKeys("agent", "gracePeriod");
                var agent = Known(body.Required("agent", "an agent name, e.g. agent-0-3"));
                var grace = body.Optional("gracePeriod")?.Duration() ?? default;
                return new AgentEvent(AgentEventKind.Drain, agent) { GracePeriod = grace };
        }
    }
}
