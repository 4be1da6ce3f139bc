using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;

namespace ClusterSim.Experiments.Scenarios;

/// <summary>
/// A framework a scenario scripts. Without an <see cref="AutoBehaviour"/> it holds every offer until a step
/// accepts or declines it; with one, it answers each offer at once. It acknowledges each status update as it
/// receives it, or, without <see cref="ImplicitAcknowledgements"/>, when an acknowledge step says so.
/// </summary>
public sealed class ScenarioFramework(string name, AutoBehaviour? auto) : ISchedulerLink
{
    private int _nextTask;

    /// <summary>Acknowledge each update on receipt, as Mesos's scheduler driver does by default after the
    /// framework's statusUpdate callback returns (include/mesos/scheduler.hpp, MesosSchedulerDriver's
    /// implicitAcknowledgements; src/sched/sched.cpp). False: the updates wait in <see cref="Unacknowledged"/>.</summary>
    public bool ImplicitAcknowledgements { get; init; } = true;

    /// <summary>Updates received and not acknowledged yet, in the order received (explicit acknowledgements only).
    /// Reconciliation answers are not among them: Mesos's master sends them without a uuid, and the driver
    /// acknowledges only updates that carry one.</summary>
    public List<StatusUpdate> Unacknowledged { get; } = [];

    public string Name { get; } = name;
    public FrameworkId Id { get; set; }
    public Master? Master { get; set; }

    public void ResourceOffers(IReadOnlyList<Offer> offers)
    {
        if (auto == null) return;
        var master = Master!;
        foreach (var offer in offers)
        {
            var tasks = new List<TaskSpec>();
            var left = offer.Resources;
            // Under a policy that allocates in fixed units (slots) a task holds more than it asks for.
            var holds = master.Allocator.Footprint(auto.Task);
            while ((auto.PerOffer is not { } max || tasks.Count < max) && left.Contains(holds))
            {
                tasks.Add(new TaskSpec(new TaskId($"{Name}-{++_nextTask}"), auto.Task, auto.Duration));
                left -= holds;
            }
            if (tasks.Count == 0) master.Decline(Id, [offer.Id], auto.Refuse);
            else master.Accept(Id, [offer.Id], tasks, auto.Refuse);
        }
    }

    public void OfferRescinded(OfferId offer)
    {
    }

    /// <summary>The last state the framework was told of each task, by task id.</summary>
    public Dictionary<string, TaskState> LastStates { get; } = new(StringComparer.Ordinal);

    /// <summary>The answers to the last reconciliation, by task id (updates whose reason is the master's
    /// reconciliation reason).</summary>
    public Dictionary<string, TaskState> Reconciled { get; } = new(StringComparer.Ordinal);

    public void StatusUpdate(StatusUpdate update)
    {
        LastStates[update.Task.Value] = update.State;
        if (update.Reason?.StartsWith(Master.LatestStateReason, StringComparison.Ordinal) == true)
        {
            Reconciled[update.Task.Value] = update.State;
            return;
        }
        if (ImplicitAcknowledgements) Master!.Acknowledge(Id, update);
        else Unacknowledged.Add(update);
    }
}
