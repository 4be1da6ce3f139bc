namespace ClusterSim.Workloads.Frameworks;

/// <summary>
/// A scheduler outside the framework that places its jobs against the cell's whole state (the monolithic
/// scheduler, or a framework's own Omega scheduler): told when a job has tasks waiting, it places them
/// through <see cref="FrameworkScheduler.Place"/>.
/// </summary>
public interface ICellScheduler
{
    /// <summary><paramref name="job"/> of <paramref name="framework"/> has tasks waiting to be placed (it
    /// arrived, a task of it is to run again, or DAG parents finished).</summary>
    void Queued(FrameworkScheduler framework, TrackedJob job);
}
