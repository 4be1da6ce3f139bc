using ClusterSim.RealAgent.Security;

namespace ClusterSim.RealAgent.Master;

/// <summary>
/// How the master host listens and judges agents. An agent that has not been heard from for
/// HeartbeatInterval x MaxMissedHeartbeats of wall time is removed, as Mesos does (agent_ping_timeout 15 s,
/// max_agent_ping_timeouts 5: 75 s by default).
/// </summary>
public sealed record MasterHostOptions(string Listen, BearerToken Token)
{
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(15);
    public int MaxMissedHeartbeats { get; init; } = 5;
    public TimeSpan HeartbeatTimeout => HeartbeatInterval * MaxMissedHeartbeats;

    /// <summary>
    /// How requests are authenticated: principals from an ACL (HTTP Basic), web UI sessions and the token as
    /// shorthand. Without it only the bearer token is accepted, and the web UI's sign-in form is unreachable
    /// (a browser passes ?token= instead).
    /// </summary>
    public RequestAuthentication? Authentication { get; init; }

    /// <summary>Where agent registrations, losses and task ends are reported.</summary>
    public Action<string> Log { get; init; } = Console.WriteLine;
}
