using ClusterSim.RealAgent.Containers;

namespace ClusterSim.RealAgent.Agent;

/// <summary>How an exited container's task ended, as Mesos would report it.</summary>
public static class TaskExit
{
    /// <summary>The exit code of a process killed by SIGKILL (128 + 9): what the kernel's OOM killer leaves.</summary>
    public const int SigKill = 137;

    /// <summary>
    /// True when the exit alone does not say who killed the container: a SIGKILL the agent did not send,
    /// with no OOM flag and no oom or kill event seen yet. The runtime sends those events before the
    /// container's death, so the agent waits for the death event before calling it a presumed OOM.
    /// </summary>
    public static bool NeedsDeathEvent(TaskContainer task, ContainerSnapshot exited) =>
        exited.ExitCode == SigKill && !exited.OomKilled && !task.KillRequested && !task.OomEvent && task.OutsideKillSignal == null;

    public static (string State, string? Reason) Classify(TaskContainer task, ContainerSnapshot exited)
    {
        if (task.Preempted is var (preemptedState, preemptedReason)) return (preemptedState, preemptedReason);
        if (task.KillRequested) return ("KILLED", "killed on request");
        if (exited.ExitCode == 0 && !exited.OomKilled) return ("FINISHED", null);
        long mb = task.MemoryLimitBytes / (1024 * 1024);
        if (exited.OomKilled || task.OomEvent)
            return ("FAILED", $"OOM-killed: the container exceeded its memory limit of {mb} MB (exit {exited.ExitCode})");
        if (task.OutsideKillSignal is { } signal)
            return ("FAILED", $"the container was killed outside the agent (signal {signal}, exit {exited.ExitCode})");
        // Docker 20.10 on cgroup v1 sometimes misses the OOMKilled flag for a very early OOM; a SIGKILL the
        // agent did not send, under a memory limit, is the kernel's OOM killer.
        if (exited.ExitCode == SigKill && task.MemoryLimitBytes > 0)
            return ("FAILED", $"OOM-killed (presumed: exit 137 under a memory limit of {mb} MB that the agent did not kill)");
        return ("FAILED", $"the command exited with code {exited.ExitCode}" + (exited.Error is { } error ? $": {error}" : ""));
    }
}
