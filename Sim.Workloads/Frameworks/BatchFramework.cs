using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;

namespace ClusterSim.Workloads.Frameworks;

/// <summary>
/// An elastic batch framework (Hadoop or Spark-like): one FIFO queue of its jobs' tasks; on each offer it
/// launches as many pending tasks as fit (at most MaxTasksPerOffer), oldest first, skipping ones too big for
/// what is left, and declines the rest with its filter. A MULTI_ROLE framework whose work is pinned to roles
/// keeps one queue per role and fills an offer from its role's queue only.
/// </summary>
public sealed class BatchFramework(ILoop loop, ISchedulerDriver driver, FrameworkSettings settings)
    : FrameworkScheduler(loop, driver, settings)
{
    private readonly PendingQueue _queue = new();
    // Queues of work pinned to a role (a workload per role), by role; work free to run anywhere uses _queue.
    private Dictionary<string, PendingQueue>? _byRole;

    public override int PendingTasks => _byRole == null ? _queue.Count : _queue.Count + _byRole.Values.Sum(q => q.Count);

    private PendingQueue QueueOf(TrackedJob job)
    {
        if (job.Role == null) return _queue;
        _byRole ??= new Dictionary<string, PendingQueue>(StringComparer.Ordinal);
        if (!_byRole.TryGetValue(job.Role, out var queue)) _byRole.Add(job.Role, queue = new PendingQueue());
        return queue;
    }

    private void Enqueue(TrackedTask task) => QueueOf(task.Job).Enqueue(task);

    protected override bool DefersTasks => true;

    protected override void Accept(TrackedJob job)
    {
        if (job.DeferredCount > 0)
        {
            QueueOf(job).EnqueueDeferred(job);
            return;
        }
        foreach (var task in job.Tasks)
            if (!task.Blocked) Enqueue(task);
    }

    protected override void Requeue(TrackedTask task) => Enqueue(task);

    protected override IEnumerable<TrackedTask> QueuedAgain() =>
        _byRole == null ? _queue.MadeTasks() : _queue.MadeTasks().Concat(_byRole.Values.SelectMany(q => q.MadeTasks()));

    public override int PendingTasksIn(string role) =>
        _queue.Count + (_byRole != null && _byRole.TryGetValue(role, out var queue) ? queue.Count : 0);

    protected override bool WantsOffersIn(string role) => PendingTasksIn(role) > 0;

    protected override void OnOffers(IReadOnlyList<Offer> offers)
    {
        if (_byRole == null)
        {
            LaunchFromQueue(offers, _queue);
            return;
        }
        // Each offer is filled from its role's queue (a role with no work of its own gets the free queue's,
        // which is empty when all work is pinned, and so declines).
        foreach (var offer in offers)
        {
            LaunchFromQueue([offer], _byRole.TryGetValue(offer.Role, out var pinned) ? pinned : _queue);
        }
    }
}
