using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Agents;

/// <summary>
/// An in-process agent: a launched task is RUNNING at once and ends after its duration, FINISHED or, if the
/// task says so, FAILED. It answers the master through the loop, never from inside the master's call.
/// With <see cref="Faults"/> set (a run that injects faults) tasks may fail part-way, messages take time,
/// and status updates go through an outbox that resends each until it arrives, in order, as the live agent's
/// StatusOutbox does; while the agent is <see cref="Disconnect">disconnected</see> from the master (a master
/// failover) the outbox holds its updates.
/// </summary>
public sealed class SimulatedAgent : IAgentLink
{
    /// <summary>The reason of a FAILED update for a task a fault made fail.</summary>
    public const string InjectedFailure = "task failed (injected fault)";

    private readonly ILoop _loop;
    private readonly Master _master;
    // The tasks running here, each knowing its place (RunningTask.Slot): a task that ends on its timer, the
    // common case, leaves in O(1) without hashing its id; a kill looks its task up by a scan (an agent runs a
    // few tasks). It behaves as the map by (framework, task id) it replaced, to the letter.
    private readonly List<RunningTask> _running = [];
    private readonly Queue<StatusUpdate> _outbox = new();
    private AgentId _id = new(-1);
    private bool _connected = true;
    private bool _sending;
    private bool _shutDown;
    private Time _inboundFree, _outboundFree;

    public SimulatedAgent(ILoop loop, Master master)
    {
        _loop = loop;
        _master = master;
    }

    public AgentId Id => _id;

    /// <summary>The faults this agent suffers (null: none); set before it registers.</summary>
    public IAgentFaults? Faults { get; init; }

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
        Put(running);
        if (Faults == null)
        {
            _loop.At(_loop.Now, running, RunningTask.Started);
            if (!task.Duration.IsForever) running.End = _loop.At(_loop.Now + task.Duration, running, RunningTask.Ended);
            return;
        }
        var start = Inbound();
        _loop.At(start, running, RunningTask.Started);
        var failAfter = Faults.FailureAfter(framework, task);
        if (failAfter is { } f && (task.Duration.IsForever || f < task.Duration))
        {
            running.Injected = true;
            running.End = _loop.At(start + f, running, RunningTask.Ended);
        }
        else if (!task.Duration.IsForever) running.End = _loop.At(start + task.Duration, running, RunningTask.Ended);
    }

    public void Kill(FrameworkId framework, TaskId task)
    {
        if (Faults != null)
        {
            // The kill reaches the agent after the message's delay.
            _loop.At(Inbound(), () => KillNow(framework, task));
            return;
        }
        KillNow(framework, task);
    }

    private void KillNow(FrameworkId framework, TaskId task) => End(framework, task, TaskState.Killed, "killed on request");

    /// <summary>Ends a running task on the agent's own initiative (a QoS correction evicting a revocable task)
    /// with <paramref name="state"/> and <paramref name="reason"/>.</summary>
    public void Preempt(FrameworkId framework, TaskId task, TaskState state, string reason) => End(framework, task, state, reason);

    private void End(FrameworkId framework, TaskId task, TaskState state, string reason)
    {
        if (_shutDown || Find(framework, task) is not { } running) return;
        Take(running);
        _loop.Cancel(running.End);
        if (Faults == null && _connected)
        {
            var agent = _id;
            _loop.Post(() => _master.UpdateTaskStatus(agent, framework, task, state, reason));
            return;
        }
        Report(framework, task, state, reason);
    }

    /// <summary>Stops every task without reporting: the agent is gone (the master marks its tasks LOST).</summary>
    public void Shutdown()
    {
        foreach (var running in _running)
        {
            _loop.Cancel(running.End);
            running.Slot = -1;
        }
        _running.Clear();
        _outbox.Clear();
        _shutDown = true;
    }

    /// <summary>The master is gone (it failed over): updates wait in the outbox until <see cref="Reconnect"/>.</summary>
    public void Disconnect() => _connected = false;

    /// <summary>The agent re-registered with the new master: what waited in the outbox is sent, in order.</summary>
    public void Reconnect()
    {
        _connected = true;
        if (!_sending) SendHead();
    }

    /// <summary>When a message the master sends now reaches this agent: after its delay, and not before the
    /// one sent before it (one connection, in order).</summary>
    private Time Inbound()
    {
        var at = _loop.Now + Faults!.Delay();
        if (at < _inboundFree) at = _inboundFree;
        _inboundFree = at;
        return at;
    }

    private void Report(FrameworkId framework, TaskId task, TaskState state, string? reason)
    {
        if (Faults == null && _connected)
        {
            _master.UpdateTaskStatus(_id, framework, task, state, reason);
            return;
        }
        _outbox.Enqueue(new StatusUpdate(framework, task, _id, state, _loop.Now, reason));
        if (!_sending) SendHead();
    }

    /// <summary>Sends the oldest update not yet delivered: lost, it is sent again after the resend interval;
    /// otherwise it arrives after its delay, and the next one is sent then.</summary>
    private void SendHead()
    {
        if (_shutDown || !_connected || _outbox.Count == 0)
        {
            _sending = false;
            return;
        }
        _sending = true;
        if (Faults is { } faults && faults.StatusUpdateLost())
        {
            _loop.At(_loop.Now + faults.Resend, SendHead);
            return;
        }
        var at = _loop.Now + (Faults?.Delay() ?? Duration.Zero);
        if (at < _outboundFree) at = _outboundFree;
        _outboundFree = at;
        _loop.At(at, DeliverHead);
    }

    private void DeliverHead()
    {
        if (_shutDown) return;
        if (!_connected)
        {
            // The master failed over while the update was on its way: it is sent again on reconnecting.
            _sending = false;
            return;
        }
        var update = _outbox.Dequeue();
        _master.UpdateTaskStatus(_id, update.Framework, update.Task, update.State, update.Reason);
        SendHead();
    }

    private RunningTask? Find(FrameworkId framework, TaskId task)
    {
        foreach (var running in _running)
            if (running.Framework == framework && string.Equals(running.Task.Id.Value, task.Value, StringComparison.Ordinal))
                return running;
        return null;
    }

    /// <summary>Adds a launched task; one with the same framework and id takes the place of the one there.</summary>
    private void Put(RunningTask running)
    {
        if (Find(running.Framework, running.Task.Id) is { } replaced)
        {
            running.Slot = replaced.Slot;
            replaced.Slot = -1;
            _running[running.Slot] = running;
            return;
        }
        running.Slot = _running.Count;
        _running.Add(running);
    }

    /// <summary>Removes a task that is in the table: the last one moves into its place.</summary>
    private void Take(RunningTask running)
    {
        int last = _running.Count - 1;
        var moved = _running[last];
        _running[running.Slot] = moved;
        moved.Slot = running.Slot;
        _running.RemoveAt(last);
        running.Slot = -1;
    }

    /// <summary>Whether a task with <paramref name="running"/>'s framework and id is in the table (it, or one
    /// launched under the same id after it), removing it when <paramref name="remove"/>.</summary>
    private bool Holds(RunningTask running, bool remove)
    {
        var held = running.Slot >= 0 ? running : Find(running.Framework, running.Task.Id);
        if (held != null && remove) Take(held);
        return held != null;
    }

    /// <summary>One launched task, and the handler of its two events: one object per task instead of a
    /// closure per event.</summary>
    private sealed class RunningTask(SimulatedAgent agent, FrameworkId framework, TaskSpec task) : ITimerHandler
    {
        public const long Started = 0;
        public const long Ended = 1;

        public FrameworkId Framework => framework;
        public TaskSpec Task => task;

        /// <summary>Its place in the agent's table; -1 once it left it.</summary>
        public int Slot { get; set; } = -1;

        public TimerId End { get; set; } = TimerId.None;

        /// <summary>A fault ends the task early, FAILED.</summary>
        public bool Injected { get; set; }

        public void OnTimer(long arg)
        {
            if (arg == Started)
            {
                // Killed (or the agent shut down) while the launch was on its way.
                if (agent.Faults != null && !agent.Holds(this, remove: false)) return;
                agent.Report(framework, task.Id, TaskState.Running, null);
                return;
            }
            agent.Holds(this, remove: true);
            if (Injected) agent.Report(framework, task.Id, TaskState.Failed, InjectedFailure);
            else agent.Report(framework, task.Id, task.Fails ? TaskState.Failed : TaskState.Finished,
                task.Fails ? "task failed" : null);
        }
    }
}
