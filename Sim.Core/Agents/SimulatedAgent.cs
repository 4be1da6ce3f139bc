using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Oversubscription;
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
    // The tasks running here, with their keys inline: an agent runs a few tasks, and a scan of one small array
    // (framework and id hash compared before any string) costs less than a map's buckets, entries and the
    // id's hash read from a string made long ago. It behaves as the map by (framework, task id) it replaced, to
    // the letter (a launch under a key already here takes its place; an end or kill removes what is under it).
    private Entry[] _running = new Entry[4];
    private int _count;
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
    public int RunningTasks => _count;

    public void Launch(FrameworkId framework, TaskSpec task)
    {
        var running = new RunningTask(this, framework, task);
        Put(framework, running);
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
    /// with <paramref name="state"/>, REASON_CONTAINER_PREEMPTED from the agent (src/slave/slave.cpp,
    /// Slave::_qosCorrections).</summary>
    public void Preempt(FrameworkId framework, TaskId task, TaskState state) =>
        End(framework, task, state, RevocableResources.PreemptedMessage, StatusReason.ContainerPreempted, StatusSource.Agent);

    private void End(FrameworkId framework, TaskId task, TaskState state, string reason,
        StatusReason code = StatusReason.Unset, StatusSource source = StatusSource.Unset)
    {
        if (_shutDown) return;
        int at = IndexOf(framework, task.Value, HashOf(task.Value));
        if (at < 0) return;
        var running = _running[at].Task;
        RemoveAt(at);
        _loop.Cancel(running.End);
        if (Faults == null && _connected)
        {
            var agent = _id;
            _loop.Post(() => _master.UpdateTaskStatus(agent, framework, task, state, reason, code, source));
            return;
        }
        Report(framework, task, state, reason, code, source);
    }

    /// <summary>Stops every task without reporting: the agent is gone (the master marks its tasks LOST).</summary>
    public void Shutdown()
    {
        for (int i = 0; i < _count; i++) _loop.Cancel(_running[i].Task.End);
        Array.Clear(_running, 0, _count);
        _count = 0;
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

    private void Report(FrameworkId framework, TaskId task, TaskState state, string? reason,
        StatusReason code = StatusReason.Unset, StatusSource source = StatusSource.Unset)
    {
        if (Faults == null && _connected)
        {
            _master.UpdateTaskStatus(_id, framework, task, state, reason, code, source);
            return;
        }
        _outbox.Enqueue(new StatusUpdate(framework, task, _id, state, _loop.Now, reason) { Code = code, Source = source });
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
        _master.UpdateTaskStatus(_id, update.Framework, update.Task, update.State, update.Reason, update.Code, update.Source);
        SendHead();
    }

    private readonly record struct Entry(FrameworkId Framework, int Hash, string Id, RunningTask Task);

    private static int HashOf(string id) => id.GetHashCode(StringComparison.Ordinal);

    private int IndexOf(FrameworkId framework, string id, int hash)
    {
        for (int i = 0; i < _count; i++)
        {
            ref readonly var e = ref _running[i];
            if (e.Hash == hash && e.Framework == framework && string.Equals(e.Id, id, StringComparison.Ordinal)) return i;
        }
        return -1;
    }

    private int IndexOf(RunningTask running)
    {
        for (int i = 0; i < _count; i++)
            if (ReferenceEquals(_running[i].Task, running)) return i;
        return -1;
    }

    /// <summary>Adds a launched task; one with the same framework and id takes the place of the one there.</summary>
    private void Put(FrameworkId framework, RunningTask running)
    {
        var id = running.Id;
        int hash = HashOf(id);
        var entry = new Entry(framework, hash, id, running);
        int at = IndexOf(framework, id, hash);
        if (at >= 0)
        {
            _running[at] = entry;
            return;
        }
        if (_count == _running.Length) Array.Resize(ref _running, 2 * _count);
        _running[_count++] = entry;
    }

    /// <summary>Removes the entry at <paramref name="at"/>: the last one moves into its place.</summary>
    private void RemoveAt(int at)
    {
        _running[at] = _running[--_count];
        _running[_count] = default;
    }

    /// <summary>Whether a task under <paramref name="running"/>'s framework and id is here (it, or one launched
    /// under the same key after it), removing it when <paramref name="remove"/>.</summary>
    private bool Holds(FrameworkId framework, RunningTask running, bool remove)
    {
        int at = IndexOf(running);
        if (at < 0) at = IndexOf(framework, running.Id, HashOf(running.Id));
        if (at >= 0 && remove) RemoveAt(at);
        return at >= 0;
    }

    /// <summary>One launched task, and the handler of its two events: one object per task instead of a
    /// closure per event.</summary>
    private sealed class RunningTask(SimulatedAgent agent, FrameworkId framework, TaskSpec task) : ITimerHandler
    {
        public const long Started = 0;
        public const long Ended = 1;

        public string Id => task.Id.Value;

        public TimerId End { get; set; } = TimerId.None;

        /// <summary>A fault ends the task early, FAILED.</summary>
        public bool Injected { get; set; }

        public void OnTimer(long arg)
        {
            if (arg == Started)
            {
                // Killed (or the agent shut down) while the launch was on its way.
                if (agent.Faults != null && !agent.Holds(framework, this, remove: false)) return;
                agent.Report(framework, task.Id, TaskState.Running, null);
                return;
            }
            agent.Holds(framework, this, remove: true);
            if (Injected) agent.Report(framework, task.Id, TaskState.Failed, InjectedFailure);
            else agent.Report(framework, task.Id, task.Fails ? TaskState.Failed : TaskState.Finished,
                task.Fails ? "task failed" : null);
        }
    }
}
