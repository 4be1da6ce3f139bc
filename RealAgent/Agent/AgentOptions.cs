using ClusterSim.RealAgent.Security;

namespace ClusterSim.RealAgent.Agent;

/// <summary>
/// How an agent daemon is started. <see cref="Resources"/> null: the host's NCPU and MemTotal as Docker
/// reports them, less <see cref="ReserveCpus"/> and <see cref="ReserveMem"/> (MB) for the host itself.
/// </summary>
public sealed record AgentOptions(string Name, string MasterUrl, string Listen, BearerToken Token)
{
    public string? Resources { get; init; }
    public double ReserveCpus { get; init; } = 0.5;
    public double ReserveMem { get; init; } = 512;
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>The most processes a task's container may run (Docker PidsLimit): a fork bomb stays in its box.</summary>
    public long PidsLimit { get; init; } = 256;

    /// <summary>How often unacknowledged status updates are sent again.</summary>
    public TimeSpan ResendInterval { get; init; } = TimeSpan.FromSeconds(1);

    public Action<string> Log { get; init; } = Console.WriteLine;
}
