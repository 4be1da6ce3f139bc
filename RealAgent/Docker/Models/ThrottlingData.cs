using System.Text.Json.Serialization;

namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>How often the CFS quota held the container back: evidence that a CpuQuota is enforced.</summary>
public sealed class ThrottlingData
{
    [JsonPropertyName("periods")]
    public ulong Periods { get; set; }

    [JsonPropertyName("throttled_periods")]
    public ulong ThrottledPeriods { get; set; }

    /// <summary>Nanoseconds spent throttled.</summary>
    [JsonPropertyName("throttled_time")]
    public ulong ThrottledTime { get; set; }
}
