namespace ClusterSim.Core.Ids;

/// <summary>An agent as the master numbers it: dense, so per-agent state lives in arrays, not hash maps.</summary>
public readonly record struct AgentId(int Value)
{
    public override string ToString() => "agent#" + Value;
}
