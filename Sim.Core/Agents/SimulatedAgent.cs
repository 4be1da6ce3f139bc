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
    // A few tasks an agent: a list each task knows its place in, instead of a dictionary per agent hashing
    // the task id on every launch and end (about 4% of a 10,000-agent run, in the perf profile of issue 18).
    private readonly List<RunningTask> _running = [];
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
        // A task launched again under a live id takes the earlier one's place, as a keyed map would.
        int at = IndexOf(framework, task.Id, -1);
        if (at >= 0)
        {
            running.Index = at;
            _running[at] = running;
        }
        else
        {
            running.Index = _running.Count;
            _running.Add(running);
        }
    }

    public void Kill(FrameworkId framework, TaskId task)
    {
        int at = IndexOf(framework, task, -1);
        if (at < 0) return;
        var running = _running[at];
        RemoveAt(at);
        _loop.Cancel(running.End);
        var agent = _id;
        _loop.Post(() => _master.UpdateTaskStatus(agent, framework, task, TaskState.Killed, "killed on request"));
    }

    /// <summary>Stops every task without reporting: the agent is gone (the master marks its tasks LOST).</summary>
    public void Shutdown()
    {
        foreach (var running in _running) _loop.Cancel(running.End);
        _running.Clear();
    }

    /// <summary>Where the task with this key is, or -1; <paramref name="hint"/> is looked at first.</summary>
    private int IndexOf(FrameworkId framework, TaskId task, int hint)
    {
        if ((uint)hint < (uint)_running.Count && _running[hint].Is(framework, task)) return hint;
        for (int i = 0; i < _running.Count; i++)
            if (_running[i].Is(framework, task)) return i;
        return -1;
    }

    /// <summary>Removes by moving the last task into the gap: the order of the list means nothing.</summary>
    private void RemoveAt(int at)
    {
        int last = _running.Count - 1;
        if (at != last)
        {
            _running[at] = _running[last];
            _running[at].Index = at;
        }
        _running.RemoveAt(last);
    }

    /// <summary>One launched task, and the handler of its two events: one object per task instead of a
    /// closure per event.</summary>
    private sealed class RunningTask(SimulatedAgent agent, FrameworkId framework, TaskSpec task) : ITimerHandler
    {
        public const long Started = 0;
        public const long Ended = 1;

        public TimerId End { get; set; } = TimerId.None;

        /// <summary>Its place in the agent's list (while it is there).</summary>
        public int Index { get; set; }

        public bool Is(FrameworkId f, TaskId t) => f == framework && string.Equals(task.Id.Value, t.Value, StringComparison.Ordinal);

        public void OnTimer(long arg)
        {
            var master = agent._master;
            if (arg == Started)
            {
                master.UpdateTaskStatus(agent._id, framework, task.Id, TaskState.Running);
                return;
            }
            int at = agent.IndexOf(framework, task.Id, Index);
            if (at >= 0) agent.RemoveAt(at);
            master.UpdateTaskStatus(agent._id, framework, task.Id, task.Fails ? TaskState.Failed : TaskState.Finished,
                task.Fails ? "task failed" : null);
        }
    }
}
