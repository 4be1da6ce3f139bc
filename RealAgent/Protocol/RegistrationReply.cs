namespace ClusterSim.RealAgent.Protocol;

/// <summary>
/// The master's answer to a registration. <see cref="Reregistered"/> is true when the master still held the
/// agent (it restarted within the heartbeat timeout) and so still counts its tasks; false when the agent is
/// new to the master, whose containers from an earlier registration are then orphans (their tasks were
/// reported LOST) and are killed, as a Mesos agent does when the master tells it to shut them down.
/// </summary>
public sealed record RegistrationReply(bool Reregistered, double HeartbeatSeconds)
{
    /// <summary>How long the master waits for heartbeats before it marks the agent unreachable (null: an older
    /// master that does not say).</summary>
    public double? HeartbeatTimeoutSeconds { get; init; }
}
