using System.Text.Json.Serialization;

namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>
/// One event from the daemon's stream. For containers, Action is create, start, die (Actor.Attributes has
/// "exitCode"), oom, kill, destroy, ...; the legacy status/id/from fields repeat these and are not read.
/// </summary>
public sealed class EventMessage
{
    /// <summary>container, image, network, volume, daemon, ...</summary>
    public string? Type { get; set; }

    public string? Action { get; set; }

    public EventActor? Actor { get; set; }

    /// <summary>local or swarm.</summary>
    [JsonPropertyName("scope")]
    public string? Scope { get; set; }

    /// <summary>Unix seconds.</summary>
    [JsonPropertyName("time")]
    public long Time { get; set; }

    /// <summary>Unix nanoseconds; orders events that fall in the same second.</summary>
    [JsonPropertyName("timeNano")]
    public long TimeNano { get; set; }
}
