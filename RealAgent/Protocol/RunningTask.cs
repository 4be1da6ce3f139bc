namespace ClusterSim.RealAgent.Protocol;

/// <summary>A task an agent reports when it registers: its framework's id, the task's id, what it asked for
/// and its state (RUNNING or STAGING). <see cref="Revocable"/>: it runs on revocable resources (Mesos's
/// re-registration carries each task resource's RevocableInfo, src/master/master.cpp reregisterSlave).</summary>
public sealed record RunningTask(int FrameworkId, string TaskId, double Cpus, double Mem, string State)
{
    public bool Revocable { get; init; }
}
