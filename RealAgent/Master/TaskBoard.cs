using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;

namespace ClusterSim.RealAgent.Master;

/// <summary>
/// The tasks /state shows: every live task and its agent, plus the most recent ends with their reasons
/// (the master itself keeps only counts). Runs on the loop thread as a master listener.
/// </summary>
public sealed class TaskBoard(Action<string> log) : IMasterListener
{
    private const int RecentLimit = 200;

    public Dictionary<(int Framework, string Task), (int Agent, string State, double Since)> Live { get; } = [];
    public Queue<(int Framework, string Task, int Agent, string State, double At, string? Reason)> Recent { get; } = new();

    public void TaskLaunched(FrameworkId framework, AgentId agent, TaskSpec task, Time at) =>
        Live[(framework.Value, task.Id.Value)] = (agent.Value, TaskState.Staging.Name(), at.Seconds);

    public void TaskStatusChanged(StatusUpdate status)
    {
        var key = (status.Framework.Value, status.Task.Value);
        if (!status.State.IsTerminal())
        {
            if (Live.ContainsKey(key)) Live[key] = (status.Agent.Value, status.State.Name(), status.At.Seconds);
            return;
        }
        Live.Remove(key);
        Recent.Enqueue((status.Framework.Value, status.Task.Value, status.Agent.Value, status.State.Name(), status.At.Seconds, status.Reason));
        while (Recent.Count > RecentLimit) Recent.Dequeue();
        if (status.State != TaskState.Finished)
            log($"task {status.Task} of framework {status.Framework.Value} on agent #{status.Agent.Value}: {status.State.Name()}" + (status.Reason is { } r ? $" ({r})" : ""));
    }
}
