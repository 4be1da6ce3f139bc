namespace ClusterSim.RealAgent.Containers;

/// <summary>The container events the agent follows.</summary>
public enum ContainerEventKind
{
    /// <summary>The container's process ended (Docker "die").</summary>
    Died,

    /// <summary>The kernel's OOM killer hit the container (Docker "oom"; comes before its Died).</summary>
    OutOfMemory,

    /// <summary>Someone sent the container a signal (Docker "kill"; comes before its Died).</summary>
    Killed,
}
