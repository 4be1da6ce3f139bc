using ClusterSim.RealAgent.Security;

namespace ClusterSim.RealAgent.Agent;

/// <summary>
/// How an agent daemon is started. <see cref="Resources"/> null: the host's NCPU and MemTotal as Docker
/// reports them, less <see cref="ReserveCpus"/> and <see cref="ReserveMem"/> (MB) for the host itself.
/// </summary>
public sealed record AgentOptions(string Name, string MasterUrl, string Listen, BearerToken? Token)
{
    /// <summary>The agent's own principal and secret (an ACL entry with <c>agent: true</c>); null: the shared
    /// <see cref="Token"/>. The agent calls the master as this principal, and accepts calls only from a caller
    /// that knows its secret: the master, which reads it from the same ACL.</summary>
    public (string Principal, string Secret)? Credential { get; init; }

    /// <summary>How requests to the agent are authenticated: its own principal, or the token shorthand.</summary>
    public RequestAuthentication Authentication() => Credential is var (principal, secret)
        ? new RequestAuthentication(AccessControlList.Of((new Principal(principal, Operator: false, Agent: true, new SortedSet<string>()), secret)), new WebSessions())
        : new RequestAuthentication(AccessControlList.FromToken(Token ?? throw new InvalidOperationException("an agent needs a credential or a token")), new WebSessions(), Token);

    public string? Resources { get; init; }
    public double ReserveCpus { get; init; } = 0.5;
    public double ReserveMem { get; init; } = 512;
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>The most processes a task's container may run (Docker PidsLimit): a fork bomb stays in its box.</summary>
    public long PidsLimit { get; init; } = 256;

    /// <summary>How often unacknowledged status updates are sent again.</summary>
    public TimeSpan ResendInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an unexplained SIGKILL waits for the container's death event, which says whether the OOM
    /// killer or a docker kill sent it, before it is presumed an OOM kill (the stream may be down).
    /// </summary>
    public TimeSpan DeathEventGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a launch waits for a container runtime that does not answer (a daemon restart) before
    /// the task is reported FAILED.</summary>
    public TimeSpan RuntimeRestartGrace { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the agent waits before reconnecting to a broken container event stream.</summary>
    public TimeSpan EventStreamRetry { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the agent estimates its slack and reports it to the master as its oversubscribed
    /// total (Mesos's --oversubscribed_resources_interval, 15 s); null: it reports none.</summary>
    public TimeSpan? OversubscriptionInterval { get; init; }

    /// <summary>The share of its slack the agent offers as revocable, in (0, 1] (the experiment file's
    /// <c>oversubscription: offered</c>, <see cref="Core.Oversubscription.OversubscriptionSettings.OfferedFraction"/>).</summary>
    public double OversubscriptionOffered { get; init; } = 1.0;

    /// <summary>The share of the agent's capacity its tasks' measured usage may reach before its QoS controller
    /// evicts revocable tasks, in (0, 1] (<c>oversubscription: qos: threshold</c>); checked on every estimator tick.</summary>
    public double QosThreshold { get; init; } = 1.0;

    /// <summary>Which revocable tasks an overloaded agent evicts (<c>oversubscription: qos: evict</c>); null: it
    /// runs no QoS controller and evicts nothing (<c>--qos-evict none</c>; Mesos's agent runs none unless
    /// given --qos_controller). The simulator always has one, so this default keeps the two modes alike.</summary>
    public Core.Oversubscription.EvictionRule? Eviction { get; init; } = Core.Oversubscription.EvictionRule.All;

    public Action<string> Log { get; init; } = Console.WriteLine;
}
