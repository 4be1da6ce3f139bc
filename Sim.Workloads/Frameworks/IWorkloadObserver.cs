namespace ClusterSim.Workloads.Frameworks;

/// <summary>Told when work arrives and when it is done for good, so outputs can be streamed as the run goes
/// instead of kept to its end. Calls come in event order, on the loop.</summary>
public interface IWorkloadObserver
{
    void JobArrived(FrameworkScheduler framework, TrackedJob job) { }

    /// <summary>The task will not run again: finished, failed past its retries, or killed.</summary>
    void TaskEnded(FrameworkScheduler framework, TrackedTask task) { }

    void JobEnded(FrameworkScheduler framework, TrackedJob job) { }
}
