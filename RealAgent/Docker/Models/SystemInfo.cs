using System.Text.Json.Serialization;

namespace ClusterSim.RealAgent.Docker.Models;

/// <summary>
/// GET /info: the host as the daemon sees it. The capability flags (MemoryLimit, SwapLimit, CpuCfsQuota,
/// CPUShares, PidsLimit) say which HostConfig limits the kernel will actually enforce; an agent checks them
/// before advertising resources it cannot isolate.
/// </summary>
public sealed class SystemInfo
{
    [JsonPropertyName("ID")]
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? ServerVersion { get; set; }

    public int Containers { get; set; }

    public int ContainersRunning { get; set; }

    public int Images { get; set; }

    /// <summary>Storage driver, e.g. overlay2 or vfs.</summary>
    public string? Driver { get; set; }

    /// <summary>cgroupfs or systemd.</summary>
    public string? CgroupDriver { get; set; }

    /// <summary>"1" or "2".</summary>
    public string? CgroupVersion { get; set; }

    [JsonPropertyName("NCPU")]
    public int Ncpu { get; set; }

    public long MemTotal { get; set; }

    public bool MemoryLimit { get; set; }

    public bool SwapLimit { get; set; }

    public bool CpuCfsPeriod { get; set; }

    public bool CpuCfsQuota { get; set; }

    [JsonPropertyName("CPUShares")]
    public bool CpuShares { get; set; }

    public bool PidsLimit { get; set; }

    public bool OomKillDisable { get; set; }

    public string? OperatingSystem { get; set; }

    public string? KernelVersion { get; set; }

    public IList<string>? Warnings { get; set; }
}
