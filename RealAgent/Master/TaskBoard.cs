using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Oversubscription;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;

namespace ClusterSim.RealAgent.Master;

/// <summary>
/// The tasks /state shows: every live task with its agent, size and whether it runs on revocable resources,
/// plus the most recent state changes (launches, updates and ends, with their reasons); the master itself keeps
/// only counts. Runs on the loop thread as a master listener.
/// </summary>
public sealed class TaskBoard(Action<string> log) : IMasterListener
{
    /// <summary>How many changes are kept: enough for an operator to see what just happened, bounded so a
    /// long run's board does not grow.</summary>
    public const int ChangeLimit = 200;

    // The master tells listeners of an accepted offer just before the tasks launched on it (as RegistryRecorder reads it).
    private bool _acceptingRevocable;

    public Dictionary<(int Framework, string Task), (int Agent, string State, double Since, Core.Resources.Resources Resources, bool Revocable)> Live { get; } = [];

    /// <summary>State changes, oldest first.</summary>
    public Queue<(int Framework, string Task, int Agent, string State, double At, string? Reason, bool Revocable)> Changes { get; } = new();

    public void OfferAccepted(Offer offer) => _acceptingRevocable = RevocableResources.IsRevocable(offer);

    public void TaskLaunched(FrameworkId framework, AgentId agent, TaskSpec task, Time at) => Add(framework, agent, task, at, _acceptingRevocable);

    /// <summary>A task a re-registering agent came back with: revocable when readmitted in the revocable role.</summary>
    public void TaskReadmitted(FrameworkId framework, AgentId agent, TaskSpec task, string role, Time at) =>
        Add(framework, agent, task, at, role == RevocableResources.Role);

    private void Add(FrameworkId framework, AgentId agent, TaskSpec task, Time at, bool revocable)
    {
        Live[(framework.Value, task.Id.Value)] = (agent.Value, TaskState.Staging.Name(), at.Seconds, task.Resources, revocable);
        Record(framework.Value, task.Id.Value, agent.Value, TaskState.Staging.Name(), at.Seconds, null, revocable);
    }

    public void TaskStatusChanged(StatusUpdate status)
    {
        var key = (status.Framework.Value, status.Task.Value);
        bool known = Live.TryGetValue(key, out var live);
        if (!status.State.IsTerminal())
        {
            if (!known) return;
            Live[key] = (status.Agent.Value, status.State.Name(), status.At.Seconds, live.Resources, live.Revocable);
            Record(key.Item1, key.Item2, status.Agent.Value, status.State.Name(), status.At.Seconds, status.Reason, live.Revocable);
            return;
        }
        Live.Remove(key);
        Record(key.Item1, key.Item2, status.Agent.Value, status.State.Name(), status.At.Seconds, status.Reason, known && live.Revocable);
        if (status.State != TaskState.Finished)
            log($"task {status.Task} of framework {status.Framework.Value} on agent #{status.Agent.Value}: {status.State.Name()}" + (status.Described() is { } r ? $" ({r})" : ""));
    }

    private void Record(int framework, string task, int agent, string state, double at, string? reason, bool revocable)
    {
        Changes.Enqueue((framework, task, agent, state, at, reason, revocable));
        while (Changes.Count > ChangeLimit) Changes.Dequeue();
    }
}
