using System.Text.Json.Serialization;

namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>GET /version: the daemon's versions, the API range it speaks among them.</summary>
public sealed class SystemVersion
{
    public string? Version { get; set; }

    public string? ApiVersion { get; set; }

    [JsonPropertyName("MinAPIVersion")]
    public string? MinApiVersion { get; set; }

    public string? Os { get; set; }

    public string? Arch { get; set; }

    public string? KernelVersion { get; set; }
}
