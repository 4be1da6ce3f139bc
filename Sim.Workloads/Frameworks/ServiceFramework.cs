using ClusterSim.Core.Cluster;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Model;
using ClusterSim.Workloads.Services;

namespace ClusterSim.Workloads.Frameworks;

/// <summary>
/// A Marathon-like service: keeps a target number of long-running instances and relaunches lost ones. Every
/// <see cref="ServiceSettings.ScaleEvery"/> it sets the target from the offered load so that mean instance
/// utilisation approaches the target, within min and max; scaling down kills the newest instances first.
/// The load is split evenly across running instances; load beyond them is unserved. With requests
/// (<see cref="ServiceSettings.Requests"/>) the instances serve simulated requests instead
/// (<see cref="Traffic"/>), and the request autoscaler, if any, sets the target from what they measure.
/// </summary>
public sealed class ServiceFramework(ILoop loop, ISchedulerDriver driver, FrameworkSettings settings, ServiceSettings service)
    : FrameworkScheduler(loop, driver, settings with { MaxRetries = int.MaxValue })
{
    private readonly PendingQueue _queue = new();
    private readonly List<TrackedTask> _instances = [];
    // TasksEndedForGood when _instances was last cleared of final ones.
    private long _endedSeen;
    private readonly HashSet<TrackedTask> _retired = new(ReferenceEqualityComparer.Instance);
    private int _nextInstance;
    private Time _coolUntil;

    public ServiceSettings Service { get; } = service;

    /// <summary>The requests, when the service's load is simulated request by request; null otherwise.</summary>
    public RequestTraffic? Traffic { get; } =
        service.Requests is { } requests
            ? new RequestTraffic(loop, requests, service.Seed, settings.Name,
                readsLatency: service.RequestAutoscale?.Policy.Metric == AutoscaleMetric.LatencyP95)
            : null;

    /// <summary>How many times the request autoscaler changed the target.</summary>
    public long ScalingActions { get; private set; }

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
        if (Traffic == null)
        {
            Loop.After(Service.ScaleEvery, Autoscale);
            return;
        }
        Traffic.Start();
        if (Service.RequestAutoscale is { } autoscale) Loop.After(autoscale.Every, () => AutoscaleRequests(autoscale));
    }

    /// <summary>Reads the metric over the period just ended and, outside a cooldown, moves the target where
    /// the policy wants it.</summary>
    private void AutoscaleRequests(RequestAutoscale autoscale)
    {
        Loop.After(autoscale.Every, () => AutoscaleRequests(autoscale));
        double metric = Traffic!.ReadMetric(autoscale.Policy.Metric);
        if (double.IsNaN(metric) || Loop.Now < _coolUntil) return;
        int wanted = Math.Clamp(autoscale.Policy.Desired(Target, Traffic.Serving, metric), Service.Min, Service.Max);
        if (wanted == Target) return;
        Target = wanted;
        ScalingActions++;
        _coolUntil = Loop.Now + autoscale.Cooldown;
        ScaleTo(Target);
        CheckDemand();
    }

    protected override void OnTaskStarted(TrackedTask task)
    {
        if (!_retired.Contains(task)) Traffic?.Add(task);
    }

    protected override void OnTaskEnded(TrackedTask task)
    {
        // A retired instance already left the balancer and drains; any other that ends was lost.
        Traffic?.Lose(task);
        if (task.IsFinal) _retired.Remove(task);
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
        // Only when an instance has ended since the last look: the scan read thousands of instances every
        // minute (1% of the 10k day's samples) to find none.
        if (TasksEndedForGood != _endedSeen)
        {
            _instances.RemoveAll(t => t.IsFinal);
            _endedSeen = TasksEndedForGood;
        }
        int current = _instances.Count;
        for (; current < target; current++)
        {
            var task = new WorkloadTask(0, "instance", Service.Instance, Duration.Forever, Loop.Now, 0,
                TaskOutcome.Finished, WorkloadTask.NoParents);
            Arrive(new WorkloadJob($"{Name}-{_nextInstance++}", Loop.Now, [task]) { IdIsUnique = true });
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
            else
            {
                if (Traffic != null)
                {
                    _retired.Add(instance);
                    Traffic.Retire(instance);
                }
                Kill(instance);
            }
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
