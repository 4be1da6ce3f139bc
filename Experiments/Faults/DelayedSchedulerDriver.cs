using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;

namespace ClusterSim.Experiments.Faults;

/// <summary>
/// A framework's driver whose calls reach the master after a drawn delay, in order, and whose events from the
/// master reach the framework likewise (<see cref="DelayedSchedulerLink"/>). Subscribing is immediate: a
/// delay there only shifts the start of the run.
/// </summary>
public sealed class DelayedSchedulerDriver(ISchedulerDriver inner, ILoop loop, Func<Duration> delay) : ISchedulerDriver
{
    private readonly MessageLine _toMaster = new(loop, delay);

    public void Subscribe(FrameworkInfo info, ISchedulerLink scheduler) =>
        inner.Subscribe(info, new DelayedSchedulerLink(scheduler, new MessageLine(loop, delay)));

    public bool IsSubscribed => inner.IsSubscribed;

    public FrameworkId Framework => inner.Framework;

    public void Accept(IReadOnlyList<OfferId> offers, IReadOnlyList<TaskSpec> tasks, OfferFilter filter,
        IReadOnlyList<OfferOperation>? operations = null) =>
        _toMaster.Send(() => { if (inner.IsSubscribed) inner.Accept(offers, tasks, filter, operations); });

    public void Decline(OfferId offer, OfferFilter filter) =>
        _toMaster.Send(() => { if (inner.IsSubscribed) inner.Decline(offer, filter); });

    public void Decline(IReadOnlyList<OfferId> offers, OfferFilter filter) =>
        _toMaster.Send(() => { if (inner.IsSubscribed) inner.Decline(offers, filter); });

    public void Revive() => _toMaster.Send(() => { if (inner.IsSubscribed) inner.Revive(); });

    public void Suppress() => _toMaster.Send(() => { if (inner.IsSubscribed) inner.Suppress(); });

    public void Suppress(IReadOnlyCollection<string> roles) => _toMaster.Send(() => { if (inner.IsSubscribed) inner.Suppress(roles); });

    public void Revive(IReadOnlyCollection<string> roles) => _toMaster.Send(() => { if (inner.IsSubscribed) inner.Revive(roles); });

    public void Kill(TaskId task) => _toMaster.Send(() => { if (inner.IsSubscribed) inner.Kill(task); });

    public void Acknowledge(StatusUpdate update) => inner.Acknowledge(update);

    public void Reconcile(IReadOnlyList<TaskId> tasks) => _toMaster.Send(() => { if (inner.IsSubscribed) inner.Reconcile(tasks); });

    public void Reconcile(IReadOnlyList<ReconcileTask> tasks) => _toMaster.Send(() => { if (inner.IsSubscribed) inner.Reconcile(tasks); });

    public void AcceptInverseOffers(IReadOnlyList<OfferId> offers, OfferFilter filter) =>
        _toMaster.Send(() => { if (inner.IsSubscribed) inner.AcceptInverseOffers(offers, filter); });

    public void DeclineInverseOffers(IReadOnlyList<OfferId> offers, OfferFilter filter) =>
        _toMaster.Send(() => { if (inner.IsSubscribed) inner.DeclineInverseOffers(offers, filter); });

    public void UpdateFramework(FrameworkInfo info, IReadOnlyCollection<string>? suppressedRoles = null, TimeSpan? failoverTimeout = null) =>
        _toMaster.Send(() => { if (inner.IsSubscribed) inner.UpdateFramework(info, suppressedRoles, failoverTimeout); });

    public void Teardown() => _toMaster.Send(() => { if (inner.IsSubscribed) inner.Teardown(); });

    public Core.Resources.Resources Footprint(Core.Resources.Resources demand) => inner.Footprint(demand);
}
