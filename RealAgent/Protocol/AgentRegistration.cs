namespace ClusterSim.RealAgent.Protocol;

/// <summary>
/// POST /api/agents/register, agent to master: who the agent is, where the master reaches it, and what it
/// offers (resources in the experiment file's syntax, e.g. "cpus:4;mem:8192"), and the tasks it runs (Mesos's
/// ReregisterSlaveMessage carries them): a new leader after a failover takes them back with their resources.
/// </summary>
public sealed record AgentRegistration(string Name, string Url, string Resources, IReadOnlyDictionary<string, string>? Attributes)
{
    public IReadOnlyList<RunningTask>? Tasks { get; init; }
}
