using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;

namespace ClusterSim.Workloads.Frameworks;

/// <summary>
/// An elastic batch framework (Hadoop or Spark-like): one FIFO queue of its jobs' tasks; on each offer it
/// launches as many pending tasks as fit (at most MaxTasksPerOffer), oldest first, skipping ones too big for
/// what is left, and declines the rest with its filter.
/// </summary>
public sealed class BatchFramework(ILoop loop, ISchedulerDriver driver, FrameworkSettings settings)
    : FrameworkScheduler(loop, driver, settings)
{
    private readonly PendingQueue _queue = new();

    public override int PendingTasks => _queue.Count;

    protected override void Accept(TrackedJob job)
    {
        foreach (var task in job.Tasks)
            if (!task.Blocked) _queue.Enqueue(task);
    }

    protected override void Requeue(TrackedTask task) => _queue.Enqueue(task);

    protected override void OnOffers(IReadOnlyList<Offer> offers) => LaunchFromQueue(offers, _queue);
}
