using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Experiments.Running;

/// <summary>
/// A framework's driver seen from the run: it passes every call and every event through unchanged, and tells
/// the run's listener (the recorder) what a master listener would have seen of this framework: offers made,
/// accepted, declined and rescinded, tasks launched and their state changes. Against a standing master this is
/// all the run can know, and it is what a real framework knows. It also keeps what the framework holds (tasks
/// in use plus outstanding offers) for the run's shares. On the framework's loop only.
/// </summary>
public sealed class ObservedDriver(ISchedulerDriver inner, ILoop loop, IMasterListener listener) : ISchedulerDriver, ISchedulerLink
{
    private readonly Dictionary<OfferId, Offer> _offers = [];
    private readonly Dictionary<TaskId, (R Resources, TaskState State, string Role)> _tasks = [];
    private readonly Dictionary<string, R> _byRole = new(StringComparer.Ordinal);
    private ISchedulerLink? _framework;
    private FrameworkInfo? _info;

    /// <summary>Tasks in use plus outstanding offers.</summary>
    public R Allocation { get; private set; }

    public int OutstandingOffers => _offers.Count;

    /// <summary>Tasks in use plus outstanding offers in one of the framework's roles.</summary>
    public R AllocationIn(string role) => _byRole.GetValueOrDefault(role);

    private void Add(string role, R resources, int sign)
    {
        Allocation = sign > 0 ? Allocation + resources : Allocation - resources;
        _byRole[role] = sign > 0 ? AllocationIn(role) + resources : AllocationIn(role) - resources;
    }

    public string Role => _info?.Role ?? "";

    public FrameworkId Framework => inner.Framework;
    public bool IsSubscribed => inner.IsSubscribed;

    public void Subscribe(FrameworkInfo info, ISchedulerLink scheduler)
    {
        _framework = scheduler;
        _info = info;
        inner.Subscribe(info, this);
    }

    // ---- events, on their way to the framework ----------------------------------------------------

    void ISchedulerLink.Subscribed(FrameworkId framework)
    {
        listener.FrameworkAdded(framework, _info!);
        _framework!.Subscribed(framework);
    }

    void ISchedulerLink.Error(string message) => _framework!.Error(message);

    void ISchedulerLink.InverseOffers(IReadOnlyList<InverseOffer> offers) => _framework!.InverseOffers(offers);

    void ISchedulerLink.InverseOfferRescinded(OfferId offer) => _framework!.InverseOfferRescinded(offer);

    void ISchedulerLink.ResourceOffers(IReadOnlyList<Offer> offers)
    {
        foreach (var offer in offers)
        {
            if (!_offers.TryAdd(offer.Id, offer)) continue;
            Add(offer.Role, offer.Resources, +1);
            listener.OfferMade(offer);
        }
        _framework!.ResourceOffers(offers);
    }

    void ISchedulerLink.OfferRescinded(OfferId offer)
    {
        if (Forget(offer) is { } o) listener.OfferRescinded(o, "rescinded by the master");
        _framework!.OfferRescinded(offer);
    }

    void ISchedulerLink.StatusUpdate(StatusUpdate update)
    {
        // Updates come at least once; the listener hears each change of state once.
        if (_tasks.TryGetValue(update.Task, out var task) && task.State != update.State)
        {
            if (update.State.IsTerminal())
            {
                _tasks.Remove(update.Task);
                Add(task.Role, task.Resources, -1);
                listener.TaskTerminated(update, task.Resources);
            }
            else
            {
                _tasks[update.Task] = (task.Resources, update.State, task.Role);
                listener.TaskStatusChanged(update);
            }
        }
        _framework!.StatusUpdate(update);
    }

    private Offer? Forget(OfferId id)
    {
        if (!_offers.Remove(id, out var offer)) return null;
        Add(offer.Role, offer.Resources, -1);
        return offer;
    }

    // ---- calls, on their way to the master --------------------------------------------------------

    public void Accept(IReadOnlyList<OfferId> offers, IReadOnlyList<TaskSpec> tasks, OfferFilter filter,
        IReadOnlyList<OfferOperation>? operations = null)
    {
        AgentId? agent = null;
        string role = Role;
        foreach (var id in offers)
            if (Forget(id) is { } offer)
            {
                if (agent == null) role = offer.Role;
                agent ??= offer.Agent;
                listener.OfferAccepted(offer);
            }
        if (agent is { } on)
            foreach (var task in tasks)
            {
                _tasks[task.Id] = (task.Resources, TaskState.Staging, role);
                Add(role, task.Resources, +1);
                listener.TaskLaunched(Framework, on, task, loop.Now);
            }
        inner.Accept(offers, tasks, filter, operations);
    }

    public void Decline(OfferId offer, OfferFilter filter)
    {
        if (Forget(offer) is { } o) listener.OfferDeclined(o, filter);
        inner.Decline(offer, filter);
    }

    public void Decline(IReadOnlyList<OfferId> offers, OfferFilter filter)
    {
        foreach (var id in offers)
            if (Forget(id) is { } o) listener.OfferDeclined(o, filter);
        inner.Decline(offers, filter);
    }

    public void Revive() => inner.Revive();
    public void Suppress() => inner.Suppress();
    public void Suppress(IReadOnlyCollection<string> roles) => inner.Suppress(roles);
    public void Revive(IReadOnlyCollection<string> roles) => inner.Revive(roles);
    public void AcceptInverseOffers(IReadOnlyList<OfferId> offers, OfferFilter filter) => inner.AcceptInverseOffers(offers, filter);
    public void DeclineInverseOffers(IReadOnlyList<OfferId> offers, OfferFilter filter) => inner.DeclineInverseOffers(offers, filter);
    public void Kill(TaskId task) => inner.Kill(task);
    public void Acknowledge(StatusUpdate update) => inner.Acknowledge(update);
    public void Reconcile(IReadOnlyList<TaskId> tasks) => inner.Reconcile(tasks);

    public void Reconcile(IReadOnlyList<ReconcileTask> tasks) => inner.Reconcile(tasks);
    public void UpdateFramework(FrameworkInfo info, IReadOnlyCollection<string>? suppressedRoles = null, TimeSpan? failoverTimeout = null) =>
        inner.UpdateFramework(info, suppressedRoles, failoverTimeout);
    public void Teardown() => inner.Teardown();
    public R Footprint(R demand) => inner.Footprint(demand);
}
