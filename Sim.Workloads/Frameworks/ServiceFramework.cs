using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Model;

namespace ClusterSim.Workloads.Frameworks;

/// <summary>
/// A Marathon-like service: keeps a target number of long-running instances and relaunches lost ones. Every
/// <see cref="ServiceSettings.ScaleEvery"/> it sets the target from the offered load so that mean instance
/// utilisation approaches the target, within min and max; scaling down kills the newest instances first.
/// The load is split evenly across running instances; load beyond them is unserved.
/// </summary>
public sealed class ServiceFramework(ILoop loop, ISchedulerDriver driver, FrameworkSettings settings, ServiceSettings service)
    : FrameworkScheduler(loop, driver, settings with { MaxRetries = int.MaxValue })
{
    private readonly PendingQueue _queue = new();
    private readonly List<TrackedTask> _instances = [];
    private int _nextInstance;

    public ServiceSettings Service { get; } = service;

    /// <summary>How many instances the autoscaler wants now.</summary>
    public int Target { get; private set; }

    public override int PendingTasks => _queue.Count;

    /// <summary>A service never drains: it runs until the horizon.</summary>
    public override bool IsDrained => false;

    public double Load => Service.Load.At(Loop.Now);

    /// <summary>Mean utilisation of running instances (load split evenly, each at most fully used).</summary>
    public double Utilisation => RunningTasks == 0 ? 0 : Math.Min(1.0, Load / RunningTasks);

    /// <summary>Load no running instance could serve, in instance-units.</summary>
    public double UnservedLoad => Math.Max(0, Load - RunningTasks);

    protected override void OnStarted()
    {
        Target = Math.Clamp(Service.Initial, Service.Min, Service.Max);
        ScaleTo(Target);
        Loop.After(Service.ScaleEvery, Autoscale);
    }

    private void Autoscale()
    {
        Loop.After(Service.ScaleEvery, Autoscale);
        int wanted = (int)Math.Ceiling(Load / Service.TargetUtilisation);
        Target = Math.Clamp(wanted, Service.Min, Service.Max);
        ScaleTo(Target);
        CheckDemand();
    }

    private void ScaleTo(int target)
    {
        _instances.RemoveAll(t => t.IsFinal);
        int current = _instances.Count;
        for (; current < target; current++)
        {
            var task = new WorkloadTask(0, "instance", Service.Instance, Duration.Forever, Loop.Now, 0,
                TaskOutcome.Finished, WorkloadTask.NoParents);
            Arrive(new WorkloadJob($"{Name}-{_nextInstance++}", Loop.Now, [task]));
        }
        // Newest first: pending ones cost nothing to drop, running ones are killed.
        for (int i = _instances.Count - 1; i >= 0 && current > target; i--, current--)
        {
            var instance = _instances[i];
            if (instance.Queued)
            {
                _queue.Remove(instance);
                instance.State = TaskState.Killed;
                instance.End = Loop.Now;
                EndForGood(instance);
            }
            else Kill(instance);
        }
    }

    protected override void Accept(TrackedJob job)
    {
        foreach (var task in job.Tasks)
        {
            _instances.Add(task);
            _queue.Enqueue(task);
        }
    }

    protected override void Requeue(TrackedTask task) => _queue.Enqueue(task);

    protected override bool UsesAgentsUnderMaintenance => false;

    protected override void OnOffers(IReadOnlyList<Offer> offers) => LaunchFromQueue(offers, _queue);
}
