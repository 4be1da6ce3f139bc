using System.Text.Json.Serialization;

namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>Memory use of the container in bytes.</summary>
public sealed class MemoryStats
{
    [JsonPropertyName("usage")]
    public ulong Usage { get; set; }

    /// <summary>Peak usage; cgroup v1 only.</summary>
    [JsonPropertyName("max_usage")]
    public ulong MaxUsage { get; set; }

    /// <summary>The container's memory limit, or the host's memory when it has none.</summary>
    [JsonPropertyName("limit")]
    public ulong Limit { get; set; }

    /// <summary>The cgroup's own counters (cache, rss, ... on v1; anon, file, ... on v2).</summary>
    [JsonPropertyName("stats")]
    public IDictionary<string, ulong>? Stats { get; set; }
}
