namespace ClusterSim.RealAgent.Scheduler;

/// <summary>
/// Settings of the scheduler API. A framework that does not state its failover timeout gets
/// <see cref="DefaultFailoverTimeout"/> (Mesos's own default, 0, would kill a framework's tasks at its first
/// dropped connection; a minute lets a framework process restart). Unacknowledged updates are sent again
/// every <see cref="StatusRetryInterval"/> (Mesos's agent retries after 10 s).
/// </summary>
public sealed record SchedulerApiOptions
{
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan DefaultFailoverTimeout { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan StatusRetryInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bodies larger than this are refused with 413.</summary>
    public int MaxBodyBytes { get; init; } = 1 << 20;

    public Action<string> Log { get; init; } = Console.WriteLine;
}
