using System.Text.Json.Serialization;

namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>CPU time of the container and of the whole host at the moment of the sample.</summary>
public sealed class CpuStats
{
    [JsonPropertyName("cpu_usage")]
    public CpuUsage? CpuUsage { get; set; }

    /// <summary>Host CPU time in nanoseconds, the denominator of a CPU percentage.</summary>
    [JsonPropertyName("system_cpu_usage")]
    public ulong SystemCpuUsage { get; set; }

    [JsonPropertyName("online_cpus")]
    public uint OnlineCpus { get; set; }

    [JsonPropertyName("throttling_data")]
    public ThrottlingData? ThrottlingData { get; set; }
}
