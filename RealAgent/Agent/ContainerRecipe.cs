using System.Globalization;
using System.Text;
using ClusterSim.RealAgent.Containers;
using ClusterSim.RealAgent.Protocol;

namespace ClusterSim.RealAgent.Agent;

/// <summary>
/// Turns a launch into a container: the task's cpus as CpuShares (1024 per cpu) plus a CFS quota of cpus x
/// period, as Mesos's cgroups isolator does (NanoCpus is refused above the host's CPU count, and an agent may
/// advertise more cpus than its host has), its memory as a hard limit (the runtime adds no swap beyond it), a
/// pids limit, no network unless asked, and labels naming the agent, framework and task. A default command with a
/// <see cref="TaskLaunch.Usage"/> below 1 gets a quota of that share of its cpus: its busy loops then use exactly
/// that share (the quota is the one cap the kernel enforces exactly, where a duty cycle in sh would drift).
/// </summary>
public static class ContainerRecipe
{
    public const long CfsPeriodMicros = 100_000;

    /// <summary>Docker refuses memory limits under 6 MB.</summary>
    private const long MinMemoryBytes = 6L * 1024 * 1024;

    /// <param name="launchedAt">When the agent launched the task (a label: the QoS controller's order); null: now.</param>
    public static ContainerSpec For(TaskLaunch launch, string agent, long pidsLimit, DateTimeOffset? launchedAt = null)
    {
        var seconds = launch.WallSeconds is { } s ? s.ToString("0.###", CultureInfo.InvariantCulture) : "";
        return new ContainerSpec(Name(agent, launch), launch.Image)
        {
            Command = launch.Command is { Count: > 0 } command ? command.ToList() : launch.Command == null ? Burn(launch) : null,
            Environment =
            [
                "CLUSTERSIM_TASK_ID=" + launch.TaskId,
                "CLUSTERSIM_DURATION_S=" + seconds,
                "CLUSTERSIM_CPUS=" + launch.Cpus.ToString(CultureInfo.InvariantCulture),
            ],
            Labels = new Dictionary<string, string>
            {
                [ContainerLabels.Agent] = agent,
                [ContainerLabels.Framework] = launch.Framework,
                [ContainerLabels.FrameworkId] = launch.FrameworkId.ToString(CultureInfo.InvariantCulture),
                [ContainerLabels.Task] = launch.TaskId,
                [ContainerLabels.Cpus] = launch.Cpus.ToString(CultureInfo.InvariantCulture),
                [ContainerLabels.Mem] = launch.Mem.ToString(CultureInfo.InvariantCulture),
                [ContainerLabels.PartitionAware] = launch.PartitionAware ? "true" : "false",
                [ContainerLabels.Revocable] = launch.Revocable ? "true" : "false",
                [ContainerLabels.LaunchedAt] = (launchedAt ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            },
            CpuShares = Math.Max(2, (long)Math.Round(launch.Cpus * 1024)),
            CpuPeriodMicros = CfsPeriodMicros,
            CpuQuotaMicros = Math.Max(1000, (long)Math.Round(launch.Cpus * BusyShare(launch) * CfsPeriodMicros)),
            MemoryBytes = Math.Max(MinMemoryBytes, (long)Math.Round(launch.Mem * 1024 * 1024)),
            PidsLimit = pidsLimit,
            Network = launch.Network,
        };
    }

    /// <summary>The share of its cpus the task may keep busy: its usage for the default command, else all.</summary>
    private static double BusyShare(TaskLaunch launch) =>
        launch.Command == null && launch.Usage is { } usage ? Math.Clamp(usage, 0, 1) : 1;

    /// <summary>
    /// The default command: ceil(cpus) busy loops for the task's wall duration, so the CPU the task holds is
    /// really used (the quota caps it at the task's share) and utilisation can be measured.
    /// </summary>
    public static List<string> Burn(TaskLaunch launch)
    {
        int loops = Math.Max(1, (int)Math.Ceiling(launch.Cpus - 1e-9));
        var loop = launch.WallSeconds is { } s
            ? $"timeout {Math.Max(0.01, s).ToString("0.###", CultureInfo.InvariantCulture)} sh -c 'while :; do :; done'"
            : "sh -c 'while :; do :; done'";
        return ["sh", "-c", $"i=0; while [ $i -lt {loops} ]; do {loop} & i=$((i+1)); done; wait"];
    }

    /// <summary>A readable, unique container name: a retried task gets a new container next to the old one.</summary>
    private static string Name(string agent, TaskLaunch launch)
    {
        var raw = $"cs-{agent}-{launch.Framework}-{launch.TaskId}";
        var name = new StringBuilder(raw.Length + 9);
        foreach (var c in raw) name.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '-');
        if (name.Length > 100) name.Length = 100;
        return name.Append('-').Append(Guid.NewGuid().ToString("N")[..8]).ToString();
    }
}
