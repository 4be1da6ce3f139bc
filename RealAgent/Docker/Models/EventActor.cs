using System.Text.Json.Serialization;

namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>What an event is about: for a container, its id, and its labels, name and image as attributes.</summary>
public sealed class EventActor
{
    [JsonPropertyName("ID")]
    public string? Id { get; set; }

    public IDictionary<string, string>? Attributes { get; set; }
}
