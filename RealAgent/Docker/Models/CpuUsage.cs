using System.Text.Json.Serialization;

namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>CPU time the container used, in nanoseconds.</summary>
public sealed class CpuUsage
{
    [JsonPropertyName("total_usage")]
    public ulong TotalUsage { get; set; }

    [JsonPropertyName("usage_in_kernelmode")]
    public ulong UsageInKernelmode { get; set; }

    [JsonPropertyName("usage_in_usermode")]
    public ulong UsageInUsermode { get; set; }

    /// <summary>Per CPU; cgroup v1 only.</summary>
    [JsonPropertyName("percpu_usage")]
    public IList<ulong>? PercpuUsage { get; set; }
}
