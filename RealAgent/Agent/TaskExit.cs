using ClusterSim.RealAgent.Docker.Models;

namespace ClusterSim.RealAgent.Agent;

/// <summary>How an exited container's task ended, as Mesos would report it.</summary>
public static class TaskExit
{
    /// <summary>The exit code of a process killed by SIGKILL (128 + 9): what the kernel's OOM killer leaves.</summary>
    public const int SigKill = 137;

    public static (string State, string? Reason) Classify(TaskContainer task, ContainerState state)
    {
        if (task.KillRequested) return ("KILLED", "killed on request");
        if (state.ExitCode == 0 && !state.OomKilled) return ("FINISHED", null);
        long mb = task.MemoryLimitBytes / (1024 * 1024);
        if (state.OomKilled || task.OomEvent)
            return ("FAILED", $"OOM-killed: the container exceeded its memory limit of {mb} MB (exit {state.ExitCode})");
        if (task.OutsideKillSignal is { } signal)
            return ("FAILED", $"the container was killed outside the agent (signal {signal}, exit {state.ExitCode})");
        // Docker 20.10 on cgroup v1 sometimes misses the OOMKilled flag for a very early OOM; a SIGKILL the
        // agent did not send, under a memory limit, is the kernel's OOM killer.
        if (state.ExitCode == SigKill && task.MemoryLimitBytes > 0)
            return ("FAILED", $"OOM-killed (presumed: exit 137 under a memory limit of {mb} MB that the agent did not kill)");
        return ("FAILED", $"the command exited with code {state.ExitCode}" + (string.IsNullOrEmpty(state.Error) ? "" : $": {state.Error}"));
    }
}
