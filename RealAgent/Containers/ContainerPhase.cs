namespace ClusterSim.RealAgent.Containers;

/// <summary>Where a container is in its life, as far as the agent cares (the runtime's status parsed once, here).</summary>
public enum ContainerPhase
{
    /// <summary>Created, never started.</summary>
    Created,

    /// <summary>Running (or paused, or restarting): not exited yet.</summary>
    Running,

    /// <summary>Exited (or dead, or being removed): its exit code is final.</summary>
    Exited,
}
