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
    private readonly Dictionary<TaskId, (R Resources, TaskState State)> _tasks = [];
    private ISchedulerLink? _framework;
    private FrameworkInfo? _info;

    /// <summary>Tasks in use plus outstanding offers.</summary>
    public R Allocation { get; private set; }

    public int OutstandingOffers => _offers.Count;

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

    void ISchedulerLink.ResourceOffers(IReadOnlyList<Offer> offers)
    {
        foreach (var offer in offers)
        {
            if (!_offers.TryAdd(offer.Id, offer)) continue;
            Allocation += offer.Resources;
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
                Allocation -= task.Resources;
            }
            else _tasks[update.Task] = (task.Resources, update.State);
            listener.TaskStatusChanged(update);
        }
        _framework!.StatusUpdate(update);
    }

    private Offer? Forget(OfferId id)
    {
        if (!_offers.Remove(id, out var offer)) return null;
        Allocation -= offer.Resources;
        return offer;
    }

    // ---- calls, on their way to the master --------------------------------------------------------

    public void Accept(IReadOnlyList<OfferId> offers, IReadOnlyList<TaskSpec> tasks, OfferFilter filter,
        IReadOnlyList<OfferOperation>? operations = null)
    {
        AgentId? agent = null;
        foreach (var id in offers)
            if (Forget(id) is { } offer)
            {
                agent ??= offer.Agent;
                listener.OfferAccepted(offer);
            }
        if (agent is { } on)
            foreach (var task in tasks)
            {
                _tasks[task.Id] = (task.Resources, TaskState.Staging);
                Allocation += task.Resources;
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
    public void Kill(TaskId task) => inner.Kill(task);
    public void Acknowledge(StatusUpdate update) => inner.Acknowledge(update);
    public void Reconcile(IReadOnlyList<TaskId> tasks) => inner.Reconcile(tasks);
    public void Teardown() => inner.Teardown();
    public R Footprint(R demand) => inner.Footprint(demand);
}
