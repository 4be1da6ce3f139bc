namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>
/// The part of a container's configuration that depends on the host: resource limits, network, privileges.
/// Null limits are not sent and leave the daemon's default (unlimited); inspect reports unset ones as 0.
/// </summary>
public sealed class HostConfig
{
    /// <summary>Relative CPU weight (cgroup cpu.shares, default 1024); what a task's cpus map to as a share.</summary>
    public long? CpuShares { get; set; }

    /// <summary>CFS period in microseconds (default 100000).</summary>
    public long? CpuPeriod { get; set; }

    /// <summary>CFS quota in microseconds per period: quota/period is the hard CPU cap (50000/100000 = half a CPU).</summary>
    public long? CpuQuota { get; set; }

    /// <summary>Memory limit in bytes; going over it gets the container OOM-killed.</summary>
    public long? Memory { get; set; }

    /// <summary>Memory plus swap in bytes; equal to <see cref="Memory"/> means no swap, so the limit is a hard one.</summary>
    public long? MemorySwap { get; set; }

    /// <summary>Most processes and threads the container may have; a fork bomb stays inside its task.</summary>
    public long? PidsLimit { get; set; }

    /// <summary>"none" for no network at all, "bridge", "host", or a network's name.</summary>
    public string? NetworkMode { get; set; }

    /// <summary>Always sent, so a task never silently gets the host's devices and capabilities.</summary>
    public bool Privileged { get; set; }

    /// <summary>Security options, e.g. "no-new-privileges" (setuid binaries cannot raise privileges).</summary>
    public IList<string>? SecurityOpt { get; set; }

    /// <summary>Remove the container when it exits. Agents leave it false: they inspect the exit first.</summary>
    public bool? AutoRemove { get; set; }
}
