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
    /// usually 137 (SIGKILL), which a plain kill also gives: this flag is what tells the two apart. It can
    /// miss: when the kill comes in the container's first moments, containerd may lose the OOM notification
    /// (containerd/containerd#8180), leaving false with exit code 137. A caller that did not kill the container
    /// itself should treat 137 under a memory limit as a probable OOM kill.
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

    /// <summary>
    /// 0001-01-01T00:00:00Z until the container has exited. For a task that ends within a millisecond or so it
    /// can be earlier than <see cref="StartedAt"/>: the daemon stamps StartedAt when the start call returns,
    /// FinishedAt is the exit time the runtime reports (seen with `true` on Engine 20.10). Clamp durations at 0.
    /// </summary>
    public DateTimeOffset FinishedAt { get; set; }
}
