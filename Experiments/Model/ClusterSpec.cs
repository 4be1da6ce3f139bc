namespace ClusterSim.Experiments.Model;

/// <summary>The agents of a run: groups of identical agents, and/or machines read from a trace.</summary>
public sealed record ClusterSpec(IReadOnlyList<AgentGroup> Groups, TraceSource? FromTrace)
{
    public int StaticAgentCount => Groups.Sum(g => g.Count);
}
