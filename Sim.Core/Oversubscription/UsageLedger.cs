using ClusterSim.Core.Agents;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Oversubscription;

/// <summary>
/// What each agent's tasks are allocated and actually use, regular and revocable apart (the agent's
/// ResourceUsage that Mesos's estimator and QoS controller read, src/slave/slave.cpp usage()), kept from the
/// master's events: a task uses <c>fraction x</c> its resources (every kind alike) for its whole life, the
/// fraction drawn by the experiment per task. Also the run's account: time integrals of those totals, the
/// evictions and the work they lost (cpu-seconds the evicted tasks had run).
/// </summary>
public sealed class UsageLedger : IMasterListener
{
    private readonly Func<FrameworkId, TaskSpec, double> _fraction;
    private readonly Dictionary<int, AgentUsage> _agents = [];
    private readonly Dictionary<(FrameworkId, TaskId), TaskUse> _tasks = [];
    private bool _acceptingRevocable;
    private Time _last;
    private double _revAllocCpuS, _revUsedCpuS, _usedCpuS, _usedMemS, _regUsedCpuS, _regUsedMemS;
    private Resources.Resources _revAlloc, _revUsed, _regAlloc, _regUsed;

    /// <param name="fraction">The share of its resources a task uses, in [0, 1].</param>
    public UsageLedger(Func<FrameworkId, TaskSpec, double> fraction)
    {
        _fraction = fraction;
    }

    /// <summary>The measurement window the time averages cover (to: null, the run's end).</summary>
    public (Time From, Time? To) Window { get; set; } = (Time.Zero, null);

    /// <summary>Called after a launch raised an agent's usage (the QoS controller checks it).</summary>
    public Action<AgentId>? UsageRose { get; set; }

    public IEnumerable<AgentId> Agents => _agents.Keys.Order().Select(a => new AgentId(a));

    public AgentUsage Of(AgentId agent) => _agents[agent.Value];

    public bool Has(AgentId agent) => _agents.ContainsKey(agent.Value);

    public long Evictions { get; private set; }

    public double WorkLostCpuSeconds { get; private set; }

    /// <summary>Cluster-wide totals now: revocable allocated and used, regular allocated and used.</summary>
    public (Resources.Resources RevocableAllocated, Resources.Resources RevocableUsed, Resources.Resources RegularAllocated,
        Resources.Resources RegularUsed) Totals => (_revAlloc, _revUsed, _regAlloc, _regUsed);

    /// <summary>Time averages over the window cut at <paramref name="end"/>: revocable cpus allocated and used,
    /// cpus and mem used by every task, and by regular tasks only.</summary>
    public (double RevAllocCpu, double RevUsedCpu, double UsedCpu, double UsedMem, double RegUsedCpu, double RegUsedMem) Means(Time end)
    {
        Advance(end);
        double s = (Min(end, Window.To) - Window.From).Seconds;
        return s <= 0 ? default : (_revAllocCpuS / s, _revUsedCpuS / s, _usedCpuS / s, _usedMemS / s, _regUsedCpuS / s, _regUsedMemS / s);
    }

    public static Resources.Resources Scaled(Resources.Resources r, double f) => Resources.Resources.FromFixed(
        (long)(r.Fixed(Resources.ResourceKind.Cpus) * f), (long)(r.Fixed(Resources.ResourceKind.Mem) * f),
        (long)(r.Fixed(Resources.ResourceKind.Disk) * f), (long)(r.Fixed(Resources.ResourceKind.Gpus) * f));

    void IMasterListener.AgentAdded(AgentId agent, AgentInfo info) => _agents[agent.Value] = new AgentUsage(info.Total.Total);

    void IMasterListener.AgentRemoved(AgentId agent, AgentInfo info) => _agents.Remove(agent.Value);

    // The master tells its listeners of the accepted offers just before the tasks launched on them (Master.Accept);
    // offers accepted together are for one role, so the last one says whether the tasks are revocable.
    void IMasterListener.OfferAccepted(Offer offer) => _acceptingRevocable = RevocableResources.IsRevocable(offer);

    // A task taken back after a failover says its role itself: no accepted offer precedes it.
    void IMasterListener.TaskReadmitted(FrameworkId framework, AgentId agent, TaskSpec task, string role, Time at)
    {
        _acceptingRevocable = role == RevocableResources.Role;
        ((IMasterListener)this).TaskLaunched(framework, agent, task, at);
    }

    void IMasterListener.TaskLaunched(FrameworkId framework, AgentId agent, TaskSpec task, Time at)
    {
        if (!_agents.TryGetValue(agent.Value, out var usage)) return;
        Advance(at);
        var use = new TaskUse(framework, task.Id, agent, task.Resources, Scaled(task.Resources, Math.Clamp(_fraction(framework, task), 0, 1)),
            _acceptingRevocable, at);
        _tasks[(framework, task.Id)] = use;
        usage.Add(use);
        if (use.Revocable)
        {
            _revAlloc += use.Allocated;
            _revUsed += use.Used;
        }
        else
        {
            _regAlloc += use.Allocated;
            _regUsed += use.Used;
        }
        UsageRose?.Invoke(agent);
    }

    void IMasterListener.TaskStatusChanged(StatusUpdate status)
    {
        if (!status.State.IsTerminal() || !_tasks.Remove((status.Framework, status.Task), out var use)) return;
        Advance(status.At);
        if (_agents.TryGetValue(use.Agent.Value, out var usage)) usage.Remove(use);
        if (use.Revocable)
        {
            _revAlloc -= use.Allocated;
            _revUsed -= use.Used;
        }
        else
        {
            _regAlloc -= use.Allocated;
            _regUsed -= use.Used;
        }
        if (status.Code == StatusReason.ContainerPreempted)
        {
            Evictions++;
            WorkLostCpuSeconds += (status.At - use.LaunchedAt).Seconds * use.Allocated.Cpus;
        }
    }

    private static Time Min(Time a, Time? b) => b is { } t && t < a ? t : a;

    private void Advance(Time now)
    {
        if (now <= _last) return;
        // Only the part of [last, now] inside the measurement window counts.
        var from = _last > Window.From ? _last : Window.From;
        var to = Min(now, Window.To);
        double dt = to > from ? (to - from).Seconds : 0;
        _last = now;
        if (dt <= 0) return;
        _revAllocCpuS += dt * _revAlloc.Cpus;
        _revUsedCpuS += dt * _revUsed.Cpus;
        _usedCpuS += dt * (_revUsed.Cpus + _regUsed.Cpus);
        _usedMemS += dt * (_revUsed.Mem + _regUsed.Mem);
        _regUsedCpuS += dt * _regUsed.Cpus;
        _regUsedMemS += dt * _regUsed.Mem;
    }
}
