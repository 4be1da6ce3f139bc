using ClusterSim.RealAgent.Security;

namespace ClusterSim.RealAgent.Master;

/// <summary>
/// How the master host listens and judges agents. An agent that has not been heard from for
/// HeartbeatInterval x MaxMissedHeartbeats of wall time is removed, as Mesos does (agent_ping_timeout 15 s,
/// max_agent_ping_timeouts 5: 75 s by default).
/// </summary>
public sealed record MasterHostOptions(string Listen, BearerToken? Token)
{
    /// <summary>Who may call the master and what they may do; null: the one principal of <see cref="Token"/>.</summary>
    public AccessControlList? Acl { get; init; }

    /// <summary>How long a framework that did not state its failover timeout may stay disconnected.</summary>
    public TimeSpan FrameworkFailoverTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(15);
    public int MaxMissedHeartbeats { get; init; } = 5;
    public TimeSpan HeartbeatTimeout => HeartbeatInterval * MaxMissedHeartbeats;

    /// <summary>Where agent registrations, losses and task ends are reported.</summary>
    public Action<string> Log { get; init; } = Console.WriteLine;
}
