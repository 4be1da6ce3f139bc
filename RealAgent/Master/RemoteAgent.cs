using System.Diagnostics;
using ClusterSim.Core.Agents;

namespace ClusterSim.RealAgent.Master;

/// <summary>An agent daemon the master host knows: what it registered with and when it was last heard from.</summary>
public sealed class RemoteAgent(AgentInfo info, string url)
{
    public AgentInfo Info { get; set; } = info;
    public string Url { get; set; } = url;

    /// <summary>Wall clock (Stopwatch ticks) of the last registration or heartbeat: liveness is wall time, not trace time.</summary>
    public long LastHeardFrom { get; set; } = Stopwatch.GetTimestamp();

    public RemoteAgentLink? Link { get; set; }

    /// <summary>The principal the agent registered as; the master calls it back with that principal's credential.</summary>
    public string Principal { get; set; } = Security.AccessControlList.TokenPrincipal;
}
