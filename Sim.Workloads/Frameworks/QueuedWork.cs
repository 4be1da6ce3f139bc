namespace ClusterSim.Workloads.Frameworks;

/// <summary>
/// What a <see cref="PendingQueue"/> links: one task waiting to launch (<see cref="TrackedTask"/>), or the tasks
/// of a job not launched yet (<see cref="TrackedJob"/>), which are kept as a count until they launch.
/// </summary>
/// <remarks>
/// Why a job stands for its unlaunched tasks: on an overloaded cluster most submitted tasks wait for hours
/// (scale-100k held 1.8 M waiting tasks at 6 h, each a 104-byte tracked task, its id's text and a 112-byte
/// workload record, over 40% of the heap, walked by every gen2 collection). A job whose tasks all ask for the
/// same and wait for no parents is queued once; its tasks are made when they launch.
/// </remarks>
public abstract class QueuedWork
{
    private protected QueuedWork()
    {
    }

    // Links of the pending queue: O(1) removal from the middle when a later task fits.
    internal QueuedWork? Next { get; set; }
    internal QueuedWork? Previous { get; set; }

    /// <summary>The pending queue holding it, so a scheduler outside the framework can take it out.</summary>
    internal PendingQueue? Queue { get; set; }

    internal bool Queued => Queue != null;
}
