using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;

namespace ClusterSim.RealAgent.Master;

/// <summary>
/// The tasks /state shows: every live task with its agent and size, plus the most recent state changes
/// (launches, updates and ends, with their reasons); the master itself keeps only counts. Runs on the loop
/// thread as a master listener.
/// </summary>
public sealed class TaskBoard(Action<string> log) : IMasterListener
{
    /// <summary>How many changes are kept: enough for an operator to see what just happened, bounded so a
    /// long run's board does not grow.</summary>
    public const int ChangeLimit = 200;

    public Dictionary<(int Framework, string Task), (int Agent, string State, double Since, Core.Resources.Resources Resources)> Live { get; } = [];

    /// <summary>State changes, oldest first.</summary>
    public Queue<(int Framework, string Task, int Agent, string State, double At, string? Reason)> Changes { get; } = new();

    public void TaskLaunched(FrameworkId framework, AgentId agent, TaskSpec task, Time at)
    {
        Live[(framework.Value, task.Id.Value)] = (agent.Value, TaskState.Staging.Name(), at.Seconds, task.Resources);
        Record(framework.Value, task.Id.Value, agent.Value, TaskState.Staging.Name(), at.Seconds, null);
    }

    public void TaskStatusChanged(StatusUpdate status)
    {
        var key = (status.Framework.Value, status.Task.Value);
        if (!status.State.IsTerminal())
        {
            if (!Live.TryGetValue(key, out var live)) return;
            Live[key] = (status.Agent.Value, status.State.Name(), status.At.Seconds, live.Resources);
            Record(key.Item1, key.Item2, status.Agent.Value, status.State.Name(), status.At.Seconds, status.Reason);
            return;
        }
        Live.Remove(key);
        Record(key.Item1, key.Item2, status.Agent.Value, status.State.Name(), status.At.Seconds, status.Reason);
        if (status.State != TaskState.Finished)
            log($"task {status.Task} of framework {status.Framework.Value} on agent #{status.Agent.Value}: {status.State.Name()}" + (status.Reason is { } r ? $" ({r})" : ""));
    }

    private void Record(int framework, string task, int agent, string state, double at, string? reason)
    {
        Changes.Enqueue((framework, task, agent, state, at, reason));
        while (Changes.Count > ChangeLimit) Changes.Dequeue();
    }
}
