using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;

namespace ClusterSim.Core.Cluster;

/// <summary>
/// The simulated side of the scheduler driver: each call is a direct call into the master, on the loop the
/// master and the framework share. It adds no event of its own, so a simulated run is the same whether its
/// frameworks hold the master or this driver.
/// </summary>
public sealed class InProcessSchedulerDriver(Master master) : ISchedulerDriver
{
    public FrameworkId Framework { get; private set; } = new(-1);

    public bool IsSubscribed => master.IsRegistered(Framework);

    public void Subscribe(FrameworkInfo info, ISchedulerLink scheduler)
    {
        Framework = master.AddFramework(info, scheduler);
        scheduler.Subscribed(Framework);
    }

    public void Accept(IReadOnlyList<OfferId> offers, IReadOnlyList<TaskSpec> tasks, OfferFilter filter,
        IReadOnlyList<OfferOperation>? operations = null) =>
        master.Accept(Framework, offers, tasks, filter, operations);

    public void Decline(OfferId offer, OfferFilter filter) => master.Decline(Framework, offer, filter);

    public void Decline(IReadOnlyList<OfferId> offers, OfferFilter filter) => master.Decline(Framework, offers, filter);

    public void Revive() => master.Revive(Framework);

    public void Suppress() => master.Suppress(Framework);

    public void Suppress(IReadOnlyCollection<string> roles) => master.Suppress(Framework, roles);

    public void Revive(IReadOnlyCollection<string> roles) => master.Revive(Framework, roles);

    public void Kill(TaskId task) => master.KillTask(Framework, task);

    public void Acknowledge(StatusUpdate update)
    {
    }

    public void Reconcile(IReadOnlyList<TaskId> tasks) => master.Reconcile(Framework, tasks);

    public void Reconcile(IReadOnlyList<ReconcileTask> tasks) => master.Reconcile(Framework, tasks);

    public void Teardown() => master.RemoveFramework(Framework);

    public void AcceptInverseOffers(IReadOnlyList<OfferId> offers, OfferFilter filter) =>
        master.AcceptInverseOffers(Framework, offers, filter);

    public void DeclineInverseOffers(IReadOnlyList<OfferId> offers, OfferFilter filter) =>
        master.DeclineInverseOffers(Framework, offers, filter);

    public Resources.Resources Footprint(Resources.Resources demand) => master.Allocator.Footprint(demand);
}
