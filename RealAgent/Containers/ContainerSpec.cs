namespace ClusterSim.RealAgent.Containers;

/// <summary>
/// A container to run: image, command, environment, labels and its resource limits. Every container also
/// runs without privileges, with no-new-privileges, and with no swap beyond <see cref="MemoryBytes"/>; those
/// are not choices, so they are not fields (the runtime applies them).
/// </summary>
public sealed record ContainerSpec(string Name, string Image)
{
    /// <summary>The command; null: the image's own.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>NAME=value pairs.</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Relative CPU weight (Docker CpuShares, 1024 for one CPU).</summary>
    public long CpuShares { get; init; }

    /// <summary>CFS period and quota in microseconds: the container gets at most quota/period CPUs.</summary>
    public long CpuPeriodMicros { get; init; }

    public long CpuQuotaMicros { get; init; }

    /// <summary>The hard memory limit; going over it is an OOM kill.</summary>
    public long MemoryBytes { get; init; }

    /// <summary>The most processes the container may run.</summary>
    public long PidsLimit { get; init; }

    /// <summary>False: no network at all; true: the default bridge.</summary>
    public bool Network { get; init; }
}
