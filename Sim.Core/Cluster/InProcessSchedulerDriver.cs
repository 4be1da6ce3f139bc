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
    private ISchedulerLink? _scheduler;

    public FrameworkId Framework { get; private set; } = new(-1);

    public bool IsSubscribed => master.IsRegistered(Framework);

    public void Subscribe(FrameworkInfo info, ISchedulerLink scheduler)
    {
        _scheduler = scheduler;
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

    public void Acknowledge(StatusUpdate update) => master.Acknowledge(Framework, update);

    public void Reconcile(IReadOnlyList<TaskId> tasks) => master.Reconcile(Framework, tasks);

    public void Reconcile(IReadOnlyList<ReconcileTask> tasks) => master.Reconcile(Framework, tasks);

    public void Teardown() => master.RemoveFramework(Framework);

    /// <summary>UPDATE_FRAMEWORK through the master's own update (<see cref="Master.UpdateFramework"/>, what the
    /// updateFramework scenario step and experiment event call). As the HTTP driver, it refuses suppressed roles
    /// that are not the framework's; what the master refuses reaches the framework as an error, on the loop
    /// (as a master's answer would), and changes nothing. Not subscribed: nothing is sent. The failover timeout
    /// means nothing here (the master in process never loses the framework).</summary>
    public void UpdateFramework(FrameworkInfo info, IReadOnlyCollection<string>? suppressedRoles = null, TimeSpan? failoverTimeout = null)
    {
        var suppressed = suppressedRoles ?? [];
        foreach (var role in suppressed)
            if (!info.Roles.Contains(role))
                throw new ArgumentException($"framework '{info.Name}': suppressed role '{role}' is not one of its roles {string.Join(", ", info.Roles)}", nameof(suppressedRoles));
        if (!IsSubscribed) return;
        try
        {
            master.UpdateFramework(Framework, info, suppressed);
        }
        catch (InvalidOperationException e)
        {
            var scheduler = _scheduler!;
            var id = Framework;
            master.Loop.At(master.Loop.Now, () =>
            {
                if (master.IsRegistered(id)) scheduler.Error("UPDATE_FRAMEWORK: " + e.Message);
            });
        }
    }

    public void AcceptInverseOffers(IReadOnlyList<OfferId> offers, OfferFilter filter) =>
        master.AcceptInverseOffers(Framework, offers, filter);

    public void DeclineInverseOffers(IReadOnlyList<OfferId> offers, OfferFilter filter) =>
        master.DeclineInverseOffers(Framework, offers, filter);

    public Resources.Resources Footprint(Resources.Resources demand) => master.Allocator.Footprint(demand);
}
