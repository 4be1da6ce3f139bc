using System.Net.Http.Headers;

namespace ClusterSim.Experiments.Bench;

/// <summary>
/// One load of <see cref="LiveBench"/>: how many fake agents and declining frameworks, for how long. With
/// <see cref="MasterUrl"/> null the bench hosts its own master on 127.0.0.1 (as <c>clustersim master</c> does).
/// </summary>
public sealed record LiveBenchOptions(int Agents, int Frameworks, TimeSpan Duration)
{
    /// <summary>Load before the measured window (JIT, first offers of everything): not counted.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>What each fake agent registers with, in the experiment file's syntax.</summary>
    public string AgentResources { get; init; } = "cpus:8;mem:32768";

    /// <summary>The filter every DECLINE sets; 0 lets the next allocation run offer the resources again.</summary>
    public double RefuseSeconds { get; init; }

    /// <summary>Roles the frameworks are spread over (framework i is in role lb-(i mod Roles)).</summary>
    public int Roles { get; init; } = 10;

    /// <summary>A master to load instead of one hosted here (must stamp offers with sent_at_unix_ms).</summary>
    public string? MasterUrl { get; init; }

    /// <summary>Credentials for <see cref="MasterUrl"/>: one principal that may register agents and subscribe
    /// frameworks in every role lb-*.</summary>
    public AuthenticationHeaderValue? Credentials { get; init; }

    /// <summary>The hosted master's agent heartbeat interval (seconds).</summary>
    public double HeartbeatSeconds { get; init; } = 15;
}
