using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;

namespace ClusterSim.Core.Agents;

/// <summary>
/// An in-process agent: a launched task is RUNNING at once and ends after its duration, FINISHED or, if the
/// task says so, FAILED. It answers the master through the loop, never from inside the master's call.
/// </summary>
public sealed class SimulatedAgent : IAgentLink
{
    private readonly ILoop _loop;
    private readonly Master _master;
    private readonly Dictionary<(FrameworkId, TaskId), TimerId> _running = [];
    private AgentId _id = new(-1);

    public SimulatedAgent(ILoop loop, Master master)
    {
        _loop = loop;
        _master = master;
    }

    public AgentId Id => _id;

    /// <summary>Registers this agent with the master.</summary>
    public AgentId Register(AgentInfo info)
    {
        _id = _master.AddAgent(info, this);
        return _id;
    }

    /// <summary>Tasks this agent is running now.</summary>
    public int RunningTasks => _running.Count;

    public void Launch(FrameworkId framework, TaskSpec task)
    {
        var key = (framework, task.Id);
        var agent = _id;
        _loop.Post(() => _master.UpdateTaskStatus(agent, framework, task.Id, TaskState.Running));
        var end = task.Duration.IsForever
            ? TimerId.None
            : _loop.At(_loop.Now + task.Duration, () =>
            {
                _running.Remove(key);
                _master.UpdateTaskStatus(agent, framework, task.Id, task.Fails ? TaskState.Failed : TaskState.Finished,
                    task.Fails ? "task failed" : null);
            });
        _running[key] = end;
    }

    public void Kill(FrameworkId framework, TaskId task)
    {
        if (!_running.Remove((framework, task), out var end)) return;
        _loop.Cancel(end);
        var agent = _id;
        _loop.Post(() => _master.UpdateTaskStatus(agent, framework, task, TaskState.Killed, "killed on request"));
    }

    /// <summary>Stops every task without reporting: the agent is gone (the master marks its tasks LOST).</summary>
    public void Shutdown()
    {
        foreach (var end in _running.Values) _loop.Cancel(end);
        _running.Clear();
    }
}
