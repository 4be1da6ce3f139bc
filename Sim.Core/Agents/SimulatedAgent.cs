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
    private readonly Dictionary<(FrameworkId, TaskId), RunningTask> _running = [];
    private AgentId _id = new(-1);

    public SimulatedAgent(ILoop loop, Master master)
    {
        _loop = loop;
        _master = master;
    }

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
        var running = new RunningTask(this, framework, task);
        _loop.At(_loop.Now, running, RunningTask.Started);
        if (!task.Duration.IsForever) running.End = _loop.At(_loop.Now + task.Duration, running, RunningTask.Ended);
        _running[(framework, task.Id)] = running;
    }

    public void Kill(FrameworkId framework, TaskId task)
    {
        if (!_running.Remove((framework, task), out var running)) return;
        _loop.Cancel(running.End);
        var agent = _id;
        _loop.Post(() => _master.UpdateTaskStatus(agent, framework, task, TaskState.Killed, "killed on request"));
    }

    /// <summary>Stops every task without reporting: the agent is gone (the master marks its tasks LOST).</summary>
    public void Shutdown()
    {
        foreach (var running in _running.Values) _loop.Cancel(running.End);
        _running.Clear();
    }

    /// <summary>One launched task, and the handler of its two events: one object per task instead of a
    /// closure per event.</summary>
    private sealed class RunningTask(SimulatedAgent agent, FrameworkId framework, TaskSpec task) : ITimerHandler
    {
        public const long Started = 0;
        public const long Ended = 1;

        public TimerId End { get; set; } = TimerId.None;

        public void OnTimer(long arg)
        {
            var master = agent._master;
            if (arg == Started)
            {
                master.UpdateTaskStatus(agent._id, framework, task.Id, TaskState.Running);
                return;
            }
            agent._running.Remove((framework, task.Id));
            master.UpdateTaskStatus(agent._id, framework, task.Id, task.Fails ? TaskState.Failed : TaskState.Finished,
                task.Fails ? "task failed" : null);
        }
    }
}
