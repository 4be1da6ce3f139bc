using System.Text.Json.Serialization;

namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>One resource-usage sample of a container (the API names these fields in snake_case).</summary>
public sealed class ContainerStatsResponse
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("read")]
    public DateTimeOffset Read { get; set; }

    [JsonPropertyName("preread")]
    public DateTimeOffset PreRead { get; set; }

    [JsonPropertyName("cpu_stats")]
    public CpuStats? CpuStats { get; set; }

    /// <summary>The previous sample's CPU figures; zero with one-shot.</summary>
    [JsonPropertyName("precpu_stats")]
    public CpuStats? PreCpuStats { get; set; }

    [JsonPropertyName("memory_stats")]
    public MemoryStats? MemoryStats { get; set; }

    [JsonPropertyName("pids_stats")]
    public PidsStats? PidsStats { get; set; }
}
