using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;

namespace ClusterSim.Core.Cluster;

/// <summary>
/// The framework side of the offer protocol, in the spirit of Mesos's SchedulerDriver
/// (include/mesos/scheduler.hpp) and its v1 scheduler API calls (include/mesos/v1/scheduler/scheduler.proto):
/// a framework holds one driver and reaches the master only through it, so the same framework code runs in
/// simulation (<see cref="InProcessSchedulerDriver"/>, calls into <see cref="Master"/> on the loop) and live
/// (an HTTP client of the master's scheduler API). What the master says back arrives through the
/// <see cref="ISchedulerLink"/> given at <see cref="Subscribe"/>, on the framework's loop.
/// </summary>
public interface ISchedulerDriver
{
    /// <summary>Subscribes the framework; <see cref="ISchedulerLink.Subscribed"/> tells it its id (at once
    /// in process, when the master answers live). Calls before that are dropped, as a driver that is not
    /// connected drops them.</summary>
    void Subscribe(FrameworkInfo info, ISchedulerLink scheduler);

    /// <summary>Whether the master knows the framework now (subscribed and not torn down).</summary>
    bool IsSubscribed { get; }

    /// <summary>The id the master gave at subscription (-1 before).</summary>
    FrameworkId Framework { get; }

    /// <summary>ACCEPT: applies <paramref name="operations"/> to the offers (all on one agent), then launches
    /// <paramref name="tasks"/>; what they leave is declined with <paramref name="filter"/>.</summary>
    void Accept(IReadOnlyList<OfferId> offers, IReadOnlyList<TaskSpec> tasks, OfferFilter filter,
        IReadOnlyList<OfferOperation>? operations = null);

    /// <summary>DECLINE of one offer, the most common answer (no list is made for it).</summary>
    void Decline(OfferId offer, OfferFilter filter);

    void Decline(IReadOnlyList<OfferId> offers, OfferFilter filter);

    /// <summary>REVIVE: clears the framework's filters and ends suppression.</summary>
    void Revive();

    /// <summary>SUPPRESS: no more offers until the next revive.</summary>
    void Suppress();

    /// <summary>SUPPRESS in some of a MULTI_ROLE framework's roles (empty: all; scheduler.proto
    /// Call.Suppress.roles). Drivers that know no roles suppress in all.</summary>
    void Suppress(IReadOnlyCollection<string> roles) => Suppress();

    /// <summary>REVIVE in some of the framework's roles (empty: all; Call.Revive.roles).</summary>
    void Revive(IReadOnlyCollection<string> roles) => Revive();

    /// <summary>KILL: asks the task's agent to kill it; a KILLED update follows.</summary>
    void Kill(TaskId task);

    /// <summary>ACKNOWLEDGE: the framework has handled the update, so the master stops resending it (live;
    /// delivery in process is reliable) and, once a task's terminal update is acknowledged, forgets the task
    /// (<see cref="Master.Acknowledge"/>): reconciliation answers its latest state until then.</summary>
    void Acknowledge(StatusUpdate update);

    /// <summary>RECONCILE: the master answers with the latest state of each task (of every task the
    /// framework has when <paramref name="tasks"/> is empty: implicit reconciliation).</summary>
    void Reconcile(IReadOnlyList<TaskId> tasks);

    /// <summary>RECONCILE naming the agent of each task where the framework knows it (Call.Reconcile.Task's
    /// agent_id), which decides the answer for a task the master does not know (<see cref="Master.Reconcile(
    /// FrameworkId, IReadOnlyList{ReconcileTask})"/>). Drivers that cannot send agents send the tasks alone.</summary>
    void Reconcile(IReadOnlyList<ReconcileTask> tasks) => Reconcile(tasks.Select(t => t.Task).ToArray());

    /// <summary>
    /// UPDATE_FRAMEWORK (scheduler.proto Call.UpdateFramework; src/master/master.cpp, Master::updateFramework):
    /// the framework's roles, capabilities and minimum allocatable resources become <paramref name="info"/>'s,
    /// and it is suppressed in <paramref name="suppressedRoles"/> (null or empty: offered in all its roles,
    /// each of which must be one of <paramref name="info"/>'s roles). <paramref name="failoverTimeout"/>, when
    /// given, is how long a master waits for the framework to come back after a disconnection (live only: a
    /// framework in process never disconnects). The name cannot change, nor can the framework leave a role
    /// where it has live tasks: the master refuses such an update and the framework hears an error
    /// (<see cref="ISchedulerLink.Error"/>).
    /// </summary>
    void UpdateFramework(FrameworkInfo info, IReadOnlyCollection<string>? suppressedRoles = null, TimeSpan? failoverTimeout = null);

    /// <summary>TEARDOWN: the framework leaves; its tasks are killed and its offers taken back.</summary>
    void Teardown();

    /// <summary>ACCEPT_INVERSE_OFFERS: ready for the maintenance windows. Drivers without maintenance support
    /// ignore it (the inverse offers stay outstanding).</summary>
    void AcceptInverseOffers(IReadOnlyList<OfferId> offers, OfferFilter filter)
    {
    }

    /// <summary>DECLINE_INVERSE_OFFERS.</summary>
    void DeclineInverseOffers(IReadOnlyList<OfferId> offers, OfferFilter filter)
    {
    }

    /// <summary>What the master charges a task that asks for <paramref name="demand"/>: the demand itself,
    /// or whole slots under a slot policy (the master states its slot size when the framework subscribes).</summary>
    Resources.Resources Footprint(Resources.Resources demand);
}
