using ClusterSim.Core.Cell;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Workloads.Architectures;

/// <summary>
/// A framework's connection to a master over a <see cref="CellState"/>: the framework is registered with the
/// master as under offers (so its tasks, their agents, status updates and the recorder are the two-level
/// path's), but its work is placed by a cell scheduler, not on offers. A commit claims the resources in the
/// cell and asks the master for a run; the one offer that run makes of exactly the claim is accepted here at
/// once with the committed tasks, never shown to the framework. Revive and suppress mean nothing here.
/// </summary>
public sealed class CellDriver : ISchedulerDriver, ISchedulerLink
{
    private readonly Master _master;
    private readonly CellState _cell;
    private readonly Action<ISchedulerLink> _subscribed;
    private readonly Dictionary<int, Queue<TaskSpec[]>> _committed = [];
    private ISchedulerLink? _framework;

    /// <param name="subscribed">Called with the framework when it subscribes, so its cell scheduler can be
    /// attached before its first job arrives.</param>
    public CellDriver(Master master, CellState cell, Action<ISchedulerLink> subscribed)
    {
        _master = master;
        _cell = cell;
        _subscribed = subscribed;
    }

    public FrameworkId Framework { get; private set; } = new(-1);

    public bool IsSubscribed => _master.IsRegistered(Framework);

    public void Subscribe(FrameworkInfo info, ISchedulerLink scheduler)
    {
        _framework = scheduler;
        Framework = _master.AddFramework(info, this);
        _subscribed(scheduler);
        scheduler.Subscribed(Framework);
    }

    /// <summary>Claims <paramref name="resources"/> of <paramref name="agent"/> for <paramref name="tasks"/>
    /// and has the master launch them at this instant.</summary>
    public void Commit(AgentId agent, TaskSpec[] tasks, R resources)
    {
        _cell.Claim(Framework, agent, resources, tasks.Length);
        if (!_committed.TryGetValue(agent.Value, out var queue)) _committed[agent.Value] = queue = new Queue<TaskSpec[]>();
        queue.Enqueue(tasks);
        _master.Revive(Framework);
    }

    // ---- what the master says: offers are commits (one per claim, in claim order per agent) ----------

    void ISchedulerLink.ResourceOffers(IReadOnlyList<Offer> offers)
    {
        foreach (var offer in offers)
            _master.Accept(Framework, [offer.Id], _committed[offer.Agent.Value].Dequeue(), OfferFilter.None);
    }

    void ISchedulerLink.OfferRescinded(OfferId offer)
    {
    }

    void ISchedulerLink.StatusUpdate(StatusUpdate update) => _framework?.StatusUpdate(update);

    void ISchedulerLink.Error(string message) => _framework?.Error(message);

    // ---- what the framework asks ---------------------------------------------------------------------

    public void Accept(IReadOnlyList<OfferId> offers, IReadOnlyList<TaskSpec> tasks, OfferFilter filter,
        IReadOnlyList<OfferOperation>? operations = null) =>
        _master.Accept(Framework, offers, tasks, filter, operations);

    public void Decline(OfferId offer, OfferFilter filter) => _master.Decline(Framework, offer, filter);

    public void Decline(IReadOnlyList<OfferId> offers, OfferFilter filter) => _master.Decline(Framework, offers, filter);

    public void Revive()
    {
    }

    public void Suppress()
    {
    }

    public void Kill(TaskId task) => _master.KillTask(Framework, task);

    public void Acknowledge(StatusUpdate update) => _master.Acknowledge(Framework, update);

    /// <summary>The roles and the rest of the framework's info change as in two-level; suppression means nothing
    /// here (a commit revives), so no role is suppressed.</summary>
    public void UpdateFramework(FrameworkInfo info, IReadOnlyCollection<string>? suppressedRoles = null, TimeSpan? failoverTimeout = null) =>
        _master.UpdateFramework(Framework, info, []);

    public void Reconcile(IReadOnlyList<TaskId> tasks) => _master.Reconcile(Framework, tasks);

    public void Reconcile(IReadOnlyList<ReconcileTask> tasks) => _master.Reconcile(Framework, tasks);

    public void Teardown() => _master.RemoveFramework(Framework);

    public R Footprint(R demand) => _master.Allocator.Footprint(demand);
}
