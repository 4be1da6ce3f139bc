using System.Text.Json.Serialization;

namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>Where a container is in its life, and how it ended.</summary>
public sealed class ContainerState
{
    /// <summary>created, running, paused, restarting, removing, exited or dead.</summary>
    public string? Status { get; set; }

    public bool Running { get; set; }

    public bool Paused { get; set; }

    public bool Restarting { get; set; }

    /// <summary>
    /// The kernel killed a process of the container for exceeding its memory limit. The exit code is then
    /// usually 137 (SIGKILL), which a plain kill also gives: this flag is what tells the two apart.
    /// </summary>
    [JsonPropertyName("OOMKilled")]
    public bool OomKilled { get; set; }

    public bool Dead { get; set; }

    public int Pid { get; set; }

    public int ExitCode { get; set; }

    /// <summary>Why the runtime could not start the container, if it could not.</summary>
    public string? Error { get; set; }

    /// <summary>0001-01-01T00:00:00Z until the container has started.</summary>
    public DateTimeOffset StartedAt { get; set; }

    /// <summary>0001-01-01T00:00:00Z until the container has exited.</summary>
    public DateTimeOffset FinishedAt { get; set; }
}
