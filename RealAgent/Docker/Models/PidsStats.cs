using System.Text.Json.Serialization;

namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>Processes and threads in the container.</summary>
public sealed class PidsStats
{
    [JsonPropertyName("current")]
    public ulong Current { get; set; }

    /// <summary>The PidsLimit, absent (0) when there is none.</summary>
    [JsonPropertyName("limit")]
    public ulong Limit { get; set; }
}
