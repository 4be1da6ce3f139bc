using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Model;

namespace ClusterSim.Experiments.Config;

/// <summary>
/// Reads <c>{ at, maintenance: { agent, start, duration } }</c> items of <c>events</c>: a window scheduled at
/// <c>at</c> on an agent of the cluster's groups, starting at <c>start</c> (not before <c>at</c>), for
/// <c>duration</c>.
/// </summary>
public static class MaintenanceEventsReader
{
    public const string Action = "maintenance";

    public static MaintenanceWindow Read(YamlNode body, Time at, IReadOnlyDictionary<string, Core.Resources.Resources> agents)
    {
        body.WithKeys("agent", "start", "duration");
        var agentNode = body.Required("agent", "an agent name, e.g. agent-0-3");
        if (!agents.ContainsKey(agentNode.Text()))
            throw agentNode.Error($"unknown agent '{agentNode.Text()}' (agents are named <name prefix><index>, e.g. agent-0-0)");
        var startNode = body.Required("start", "when the machine goes down, e.g. 2h");
        var start = Time.Zero + startNode.Duration();
        if (start < at) throw startNode.Error($"the window starts at {start}, before it is scheduled ({at})");
        var durationNode = body.Required("duration", "how long the machine is down, e.g. 30m");
        var duration = durationNode.Duration();
        if (duration <= Duration.Zero) throw durationNode.Error("expected a positive duration such as 30m");
        return new MaintenanceWindow(agentNode.Text(), start, duration);
    }
}
