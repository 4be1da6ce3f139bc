using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using ClusterSim.Core.Oversubscription;
using ClusterSim.Core.Tasks;
using ClusterSim.RealAgent.Containers;
using ClusterSim.RealAgent.Protocol;

namespace ClusterSim.RealAgent.Agent;

/// <summary>
/// The agent's containers (Mesos calls this part of an agent its containerizer): runs each launched task
/// as a container, learns how it ended, reports that, and removes the container once the master has
/// acknowledged the report (AutoRemove would lose the exit code).
/// <para>
/// Everything it knows changes on one loop: HTTP handlers, the status sender, the event stream and the
/// runtime calls it starts only post inputs to one channel, which <see cref="RunAsync"/> drains in order.
/// Runtime calls run beside the loop and post their outcome back as another input; so there are no locks
/// and no flag is ever set from two threads.
/// </para>
/// <para>
/// Exits are learnt from a wait on each container and from the runtime's event stream; because that stream
/// is lossy, the containers carrying this agent's label are listed and inspected after every (re)connection.
/// Containers found that way and not followed yet (after a restart of the agent) are taken back.
/// </para>
/// </summary>
public sealed class Containerizer
{
    private readonly AgentOptions _options;
    private readonly IContainerRuntime _runtime;
    private readonly Action<TaskStatusReport> _send;
    private readonly Channel<Input> _inbox = Channel.CreateUnbounded<Input>();

    // The loop's own state: read and written only by the code Handle calls.
    private readonly Dictionary<(int, string), TaskContainer> _tasks = [];
    private readonly Dictionary<string, TaskContainer> _byContainer = new(StringComparer.Ordinal);
    private readonly HashSet<(int, string)> _killedBeforeLaunch = [];
    private readonly Dictionary<string, TaskContainer> _unacknowledged = new(StringComparer.Ordinal);
    private readonly List<TaskCompletionSource> _settlers = [];
    private int _pending;
    private CancellationToken _stop;

    /// <param name="send">Takes each status report to the master, in order; the master's acknowledgement comes back through <see cref="Acknowledged"/>.</param>
    public Containerizer(AgentOptions options, IContainerRuntime runtime, Action<TaskStatusReport> send)
    {
        _options = options;
        _runtime = runtime;
        _send = send;
    }

    private string Agent => _options.Name;

    public void Launch(TaskLaunch launch) => Post(new LaunchTask(launch));

    public void Kill(TaskKill kill) => Post(new KillTask(kill));

    /// <summary>
    /// The QoS controller evicts a revocable task (Mesos's QoSCorrection KILL, src/slave/slave.cpp
    /// _qosCorrections): its container is destroyed and the task ends in <paramref name="state"/> (TASK_LOST, or
    /// TASK_GONE for a partition-aware framework) from the agent with REASON_CONTAINER_PREEMPTED and
    /// <see cref="RevocableResources.PreemptedMessage"/>. A task already ending, or being killed, is left alone, as
    /// Mesos ignores a correction for an executor that is terminating.
    /// </summary>
    public void Preempt(int frameworkId, string taskId, string state) => Post(new PreemptTask(frameworkId, taskId, state));

    /// <summary>The tasks whose containers run now (or are being killed), with what each holds and whether it is
    /// revocable, in launch order: what the slack estimate and the QoS controller measure.</summary>
    public async Task<IReadOnlyList<RunningContainer>> RunningAsync(CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<IReadOnlyList<RunningContainer>>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new ReadRunning(answer));
        return await answer.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// The master does not know this agent (it was removed, its tasks reported LOST): whatever still runs
    /// here belongs to no task the master counts, so it is killed and removed without a report, as Mesos
    /// does with such executors.
    /// </summary>
    public void KillOrphans() => Post(new KillOrphanTasks());

    /// <summary>
    /// The agent has been cut off from every master for about the heartbeat timeout: the master reports the
    /// tasks of frameworks that are not partition-aware LOST and they are run again elsewhere, so they are
    /// killed here (each with its KILLED update, which a master that still knows the task takes, and one that
    /// does not acknowledges), and the same task never runs twice at once. Partition-aware tasks keep running.
    /// </summary>
    public void Fence() => Post(new FenceTasks());

    /// <summary>The master acknowledged <paramref name="report"/>; after a final one the task's container is removed.</summary>
    public void Acknowledged(TaskStatusReport report) => Post(new AcknowledgedReport(report));

    /// <summary>The tasks as the loop sees them now, and how many reports the master has not acknowledged yet.</summary>
    public async Task<(IReadOnlyList<AgentTaskView> Tasks, int Unacknowledged)> StateAsync(CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<(IReadOnlyList<AgentTaskView>, int)>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new ReadState(answer));
        return await answer.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Completes when the loop has nothing left to do: no input queued and no runtime call under way, except
    /// the waits and the event stream, which last as long as their containers. The agent settles its first
    /// reconciliation before it registers; tests settle instead of sleeping, as Mesos's tests do with
    /// <c>Clock::settle()</c>.
    /// </summary>
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        var settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new Settle(settled));
        await settled.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Takes back this agent's containers, then runs the loop and follows the event stream until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _stop = cancellationToken;
        // Posted first, so a SettleAsync called from now on waits for the reconciliation; the event stream
        // replays from a second before it, so no exit falls between the two.
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        Post(new Reconcile());
        var events = FollowEventsAsync(since, cancellationToken);
        try
        {
            await foreach (var input in _inbox.Reader.ReadAllAsync(cancellationToken))
            {
                try
                {
                    Handle(input);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    _options.Log($"agent {Agent}: {input.GetType().Name} failed: {e.GetType().Name}: {e.Message}");
                }
                if (_pending == 0 && _inbox.Reader.Count == 0)
                {
                    foreach (var settler in _settlers) settler.TrySetResult();
                    _settlers.Clear();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        await events;
    }

    private void Post(Input input) => _inbox.Writer.TryWrite(input);

    private void Handle(Input input)
    {
        switch (input)
        {
            case Done done:
                _pending--;
                if (done.Outcome != null) Handle(done.Outcome);
                break;
            case LaunchTask l: OnLaunch(l.Launch); break;
            case KillTask k: OnKill(k.Kill); break;
            case PreemptTask p: OnPreempt(p); break;
            case ReadRunning r: r.Answer.TrySetResult(Running()); break;
            case KillOrphanTasks: OnKillOrphans(); break;
            case FenceTasks: OnFence(); break;
            case AcknowledgedReport a: OnAcknowledged(a.Report); break;
            case ReadState r: r.Answer.TrySetResult((StateRows(), _unacknowledged.Count)); break;
            case ReadTasks r: r.Answer.TrySetResult(TasksToReregister()); break;
            case Settle s: _settlers.Add(s.Settled); break;
            case Reconcile: Start(async token => new Listed(await _runtime.ListAsync(ContainerLabels.Agent, Agent, token))); break;
            case Listed l: OnListed(l.Containers); break;
            case Observed o: OnEvent(o.Event); break;
            case Started s: OnStarted(s.Task, s.ContainerId, s.StartSeconds); break;
            case RunFailed f: Finish(f.Task, "FAILED", f.Reason); break;
            case Exited e: Inspect(e.Task, adopting: false); break;
            case Inspected i: OnInspected(i.Task, i.Snapshot, i.Adopting); break;
            case DeathOverdue d: ClassifyPendingExit(d.Task); break;
            case Removed r: Forget(r.Task); break;
            case Logged l: _options.Log(l.Line); break;
        }
    }


    private void OnLaunch(TaskLaunch launch)
    {
        var task = new TaskContainer(launch.FrameworkId, launch.Framework, launch.TaskId);
        if (_tasks.TryGetValue(task.Key, out var existing) && existing.Final == null) return; // a resent launch
        if (_killedBeforeLaunch.Remove(task.Key))
        {
            Finish(task, "KILLED", "killed on request before it started");
            return;
        }
        task.Cpus = launch.Cpus;
        task.Mem = launch.Mem;
        task.PartitionAware = launch.PartitionAware;
        task.Revocable = launch.Revocable;
        task.LaunchedAt = DateTimeOffset.UtcNow;
        _tasks[task.Key] = task;
        var spec = ContainerRecipe.For(launch, Agent, _options.PidsLimit, task.LaunchedAt);
        task.MemoryLimitBytes = spec.MemoryBytes;
        Start(async token =>
        {
            var clock = Stopwatch.StartNew();
            var wait = TimeSpan.FromMilliseconds(250);
            while (true)
            {
                try
                {
                    var id = await _runtime.RunAsync(spec, token);
                    return new Started(task, id, clock.Elapsed.TotalSeconds);
                }
                catch (ContainerRuntimeException e) when (e.Unreachable && clock.Elapsed + wait < _options.RuntimeRestartGrace)
                {
                    // The daemon is down or restarting: the launch waits for it (for a while) rather than failing
                    // at once, which would only have the framework relaunch into the same wall, again and again.
                    await Task.Delay(wait, token);
                    wait = TimeSpan.FromMilliseconds(Math.Min(4000, wait.TotalMilliseconds * 2));
                    // The failed try may have created the container without starting it: removed by its name,
                    // so that the next try can create it again and nothing is left behind.
                    try
                    {
                        await _runtime.RemoveAsync(spec.Name, token);
                    }
                    catch (ContainerRuntimeException)
                    {
                    }
                }
                catch (ContainerRuntimeException e)
                {
                    return new RunFailed(task, $"agent {Agent} could not run image {launch.Image}: {e.Message}");
                }
            }
        });
    }

    private void OnKill(TaskKill kill)
    {
        if (!_tasks.TryGetValue((kill.FrameworkId, kill.TaskId), out var task))
        {
            _killedBeforeLaunch.Add((kill.FrameworkId, kill.TaskId));
            return;
        }
        if (task.Final != null || task.KillRequested) return;
        task.KillRequested = true;
        // Without a container yet, the kill happens when its start is known (OnStarted).
        if (task.ContainerId != null) KillContainer(task);
    }

    private void OnPreempt(PreemptTask preempt)
    {
        if (!_tasks.TryGetValue((preempt.FrameworkId, preempt.TaskId), out var task) || task.Final != null || task.KillRequested
            || task.ContainerId == null) return;
        _options.Log($"agent {Agent}: QoS correction: evicting revocable task {task.TaskId} of {task.Framework}");
        task.KillRequested = true;
        task.Preempted = (preempt.State, RevocableResources.PreemptedMessage);
        KillContainer(task);
    }

    private List<RunningContainer> Running() =>
        _tasks.Values.Where(t => t.Final == null && t.ContainerId != null && !t.Orphan)
            .OrderBy(t => t.LaunchedAt).ThenBy(t => t.FrameworkId).ThenBy(t => t.TaskId, StringComparer.Ordinal)
            .Select(t => new RunningContainer(t.FrameworkId, t.TaskId, t.ContainerId!, t.Cpus, t.Mem, t.Revocable, t.PartitionAware))
            .ToList();

    private void OnFence()
    {
        foreach (var task in _tasks.Values.Where(t => t.Final == null && !t.PartitionAware && !t.KillRequested && !t.Orphan).ToList())
        {
            _options.Log($"agent {Agent}: no master for the heartbeat timeout; killing task {task.TaskId}, which the master reports LOST");
            task.KillRequested = true;
            if (task.ContainerId != null) KillContainer(task);
        }
    }

    private void OnKillOrphans()
    {
        foreach (var task in _tasks.Values.Where(t => t.Final == null && t.ContainerId != null).ToList())
        {
            _options.Log($"agent {Agent}: killing task {task.TaskId}, which the master no longer knows");
            task.Orphan = true;
            task.KillRequested = true;
            KillContainer(task);
        }
    }

    private void OnAcknowledged(TaskStatusReport report)
    {
        if (!_unacknowledged.Remove(report.Uuid, out var task)) return;
        if (report.State != "RUNNING") RemoveContainer(task);
    }


    private void OnStarted(TaskContainer task, string containerId, double startSeconds)
    {
        task.ContainerId = containerId;
        _byContainer[containerId] = task;
        Watch(task);
        if (task.KillRequested)
        {
            // Killed while it was being started: it ends KILLED without ever having been reported RUNNING.
            KillContainer(task);
            return;
        }
        ReportRunning(task, startSeconds);
    }

    /// <summary>Waits for the container's exit beside the loop; the exit comes back as an input.</summary>
    private void Watch(TaskContainer task)
    {
        var id = task.ContainerId!;
        _ = WaitAsync();

        async Task WaitAsync()
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(_stop, task.Waiting.Token);
            try
            {
                await _runtime.WaitAsync(id, linked.Token);
                Post(new Exited(task));
            }
            catch (OperationCanceledException)
            {
            }
            catch (ContainerRuntimeException)
            {
                // The event stream and the reconciliation still see the exit.
            }
        }
    }

    private async Task FollowEventsAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var e in _runtime.EventsAsync(ContainerLabels.Agent, Agent, since, cancellationToken))
                    Post(new Observed(e));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ContainerRuntimeException e)
            {
                Post(new Logged($"agent {Agent}: the container event stream broke ({e.Message}); reconnecting"));
            }
            try
            {
                await Task.Delay(_options.EventStreamRetry, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            since = DateTimeOffset.UtcNow.AddSeconds(-1);
            Post(new Reconcile());
        }
    }

    private void OnEvent(ContainerEvent e)
    {
        if (!_byContainer.TryGetValue(e.ContainerId, out var task)) return;
        switch (e.Kind)
        {
            case ContainerEventKind.OutOfMemory:
                task.OomEvent = true;
                break;
            case ContainerEventKind.Killed when !task.KillRequested:
                task.OutsideKillSignal = e.Signal ?? "?";
                break;
            case ContainerEventKind.Died:
                task.DeathSeen = true;
                if (task.PendingExit != null) ClassifyPendingExit(task);
                else Inspect(task, adopting: false);
                break;
        }
    }

    /// <summary>
    /// This agent's containers as listed by label: ones not followed yet (after a restart) are taken back,
    /// and exits the event stream lost are learnt.
    /// </summary>
    private void OnListed(IReadOnlyList<ContainerListing> containers)
    {
        foreach (var container in containers)
        {
            if (_byContainer.TryGetValue(container.Id, out var task))
            {
                if (container.Phase != ContainerPhase.Running) Inspect(task, adopting: false);
                continue;
            }
            var labels = container.Labels;
            if (!labels.TryGetValue(ContainerLabels.Task, out var taskId)
                || !labels.TryGetValue(ContainerLabels.FrameworkId, out var fw)
                || !int.TryParse(fw, CultureInfo.InvariantCulture, out var frameworkId)) continue;
            // Being started right now: its run has not answered yet, and will say which container it is.
            if (_tasks.TryGetValue((frameworkId, taskId), out var starting) && starting.ContainerId == null && starting.Final == null) continue;
            task = new TaskContainer(frameworkId, labels.TryGetValue(ContainerLabels.Framework, out var f) ? f : "", taskId)
            {
                ContainerId = container.Id,
                Cpus = labels.TryGetValue(ContainerLabels.Cpus, out var cpus) && double.TryParse(cpus, CultureInfo.InvariantCulture, out var c) ? c : 0,
                Mem = labels.TryGetValue(ContainerLabels.Mem, out var mem) && double.TryParse(mem, CultureInfo.InvariantCulture, out var m) ? m : 0,
                PartitionAware = labels.TryGetValue(ContainerLabels.PartitionAware, out var aware) && aware == "true",
                Revocable = labels.TryGetValue(ContainerLabels.Revocable, out var revocable) && revocable == "true",
                LaunchedAt = labels.TryGetValue(ContainerLabels.LaunchedAt, out var at) && long.TryParse(at, CultureInfo.InvariantCulture, out var ms)
                    ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.UnixEpoch,
            };
            _byContainer[container.Id] = task;
            // A newer container for the same task (a retry) wins the task slot.
            if (!_tasks.TryGetValue(task.Key, out var other) || other.Final != null) _tasks[task.Key] = task;
            Inspect(task, adopting: true);
        }
    }

    private void Inspect(TaskContainer task, bool adopting)
    {
        if (task.Final != null || task.ContainerId is not { } id) return;
        Start(async token =>
        {
            try
            {
                return new Inspected(task, await _runtime.InspectAsync(id, token), adopting);
            }
            catch (ContainerRuntimeException e)
            {
                return new Logged($"agent {Agent}: task {task.TaskId}: {e.Message}");
            }
        });
    }

    private void OnInspected(TaskContainer task, ContainerSnapshot? snapshot, bool adopting)
    {
        if (task.Final != null) return;
        if (snapshot == null)
        {
            Finish(task, "LOST", "the container disappeared (removed outside the agent)");
            return;
        }
        if (adopting)
        {
            task.MemoryLimitBytes = snapshot.MemoryLimitBytes;
            _options.Log($"agent {Agent}: reattached to the container of task {task.TaskId} ({snapshot.Phase.ToString().ToLowerInvariant()})");
            if (snapshot.Phase == ContainerPhase.Running)
            {
                ReportRunning(task, startSeconds: null);
                Watch(task);
                return;
            }
            if (snapshot.Phase == ContainerPhase.Created)
            {
                Finish(task, "FAILED", "the agent restarted before the container started");
                return;
            }
        }
        if (snapshot.Phase != ContainerPhase.Exited) return;
        if (TaskExit.NeedsDeathEvent(task, snapshot) && !task.DeathSeen)
        {
            // The wait answered before the event stream told who sent the SIGKILL; the death event comes
            // after any oom or kill event, and the deadline bounds the wait when the stream is down.
            if (task.PendingExit != null) return;
            task.PendingExit = snapshot;
            // A deadline, not work under way: a settle does not wait for it.
            _ = OverdueAsync();
            return;

            async Task OverdueAsync()
            {
                try
                {
                    await Task.Delay(_options.DeathEventGrace, _stop);
                    Post(new DeathOverdue(task));
                }
                catch (OperationCanceledException)
                {
                }
            }
        }
        var (state, reason) = TaskExit.Classify(task, snapshot);
        Finish(task, state, reason);
    }

    private void ClassifyPendingExit(TaskContainer task)
    {
        if (task.Final != null || task.PendingExit is not { } exited) return;
        var (state, reason) = TaskExit.Classify(task, exited);
        Finish(task, state, reason);
    }

    private void KillContainer(TaskContainer task)
    {
        var id = task.ContainerId!;
        Start(async token =>
        {
            try
            {
                await _runtime.KillAsync(id, token);
                return new Exited(task);
            }
            catch (ContainerRuntimeException e)
            {
                return new Logged($"agent {Agent}: task {task.TaskId}: {e.Message}");
            }
        });
    }


    private void Finish(TaskContainer task, string state, string? reason)
    {
        if (task.Final != null) return;
        task.Final = (state, reason);
        task.PendingExit = null;
        task.Waiting.Cancel();
        _options.Log($"task {task.TaskId} of {task.Framework}: {state}" + (reason != null ? $" ({reason})" : "") + (task.Orphan ? ", an orphan: not reported" : ""));
        if (task.Orphan) RemoveContainer(task);
        else Report(task, state, reason);
    }

    /// <summary>Reports RUNNING once per container, with the launch-to-start time when this agent started it.</summary>
    private void ReportRunning(TaskContainer task, double? startSeconds)
    {
        if (task.RunningReported) return;
        task.RunningReported = true;
        Report(task, "RUNNING", null, startSeconds);
    }

    private void Report(TaskContainer task, string state, string? reason, double? startSeconds = null)
    {
        var report = new TaskStatusReport(task.FrameworkId, task.TaskId, state, reason, Guid.NewGuid().ToString("N"), startSeconds);
        // An evicted task's end is the agent's QoS correction (src/slave/slave.cpp, _qosCorrections: SOURCE_SLAVE,
        // REASON_CONTAINER_PREEMPTED), whatever ended its container.
        if (task.Preempted != null && state != "RUNNING")
            report = report with { Code = StatusReason.ContainerPreempted.MesosName(), Source = StatusSource.Agent.MesosName() };
        _unacknowledged[report.Uuid] = task;
        _send(report);
    }

    private void RemoveContainer(TaskContainer task)
    {
        if (task.ContainerId is not { } id)
        {
            Forget(task);
            return;
        }
        Start(async token =>
        {
            var clock = Stopwatch.StartNew();
            var wait = TimeSpan.FromMilliseconds(250);
            while (true)
            {
                try
                {
                    await _runtime.RemoveAsync(id, token);
                    break;
                }
                catch (ContainerRuntimeException e) when (e.Unreachable && clock.Elapsed + wait < _options.RuntimeRestartGrace)
                {
                    // The daemon is restarting: the container would be left behind.
                    await Task.Delay(wait, token);
                    wait = TimeSpan.FromMilliseconds(Math.Min(4000, wait.TotalMilliseconds * 2));
                }
                catch (ContainerRuntimeException e)
                {
                    Post(new Logged($"agent {Agent}: could not remove the container of task {task.TaskId}: {e.Message}"));
                    break;
                }
            }
            return new Removed(task);
        });
    }

    private void Forget(TaskContainer task)
    {
        if (task.ContainerId != null) _byContainer.Remove(task.ContainerId);
        if (_tasks.TryGetValue(task.Key, out var current) && current == task) _tasks.Remove(task.Key);
    }

    /// <summary>
    /// The tasks to re-register with after a master failover: every task still here but the orphans, RUNNING
    /// once its container started (even when its final update is still unacknowledged: that update follows the
    /// registration and ends it at the new leader), STAGING before.
    /// </summary>
    public async Task<IReadOnlyList<RunningTask>> TasksToReregisterAsync(CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<IReadOnlyList<RunningTask>>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(new ReadTasks(answer));
        return await answer.Task.WaitAsync(cancellationToken);
    }

    private List<RunningTask> TasksToReregister() =>
        _tasks.Values.Where(t => !t.Orphan && t.Cpus + t.Mem > 0)
            .Select(t => new RunningTask(t.FrameworkId, t.TaskId, t.Cpus, t.Mem, t.ContainerId != null ? "RUNNING" : "STAGING") { Revocable = t.Revocable })
            .ToList();

    private List<AgentTaskView> StateRows() =>
        _tasks.Values.Select(t => new AgentTaskView(t.FrameworkId, t.Framework, t.TaskId, t.ContainerId, t.Final?.State)).ToList();

    /// <summary>Starts a runtime call beside the loop; its outcome comes back as an input, and the loop is not settled until it has.</summary>
    private void Start(Func<CancellationToken, Task<Input>> call)
    {
        _pending++;
        _ = CompleteAsync();

        async Task CompleteAsync()
        {
            Input? outcome;
            try
            {
                outcome = await call(_stop);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                outcome = null;
            }
            catch (Exception e)
            {
                outcome = new Logged($"agent {Agent}: {e.Message}");
            }
            Post(new Done(outcome));
        }
    }


    private abstract record Input;

    private sealed record Done(Input? Outcome) : Input;

    private sealed record LaunchTask(TaskLaunch Launch) : Input;

    private sealed record KillTask(TaskKill Kill) : Input;

    private sealed record KillOrphanTasks : Input;

    private sealed record PreemptTask(int FrameworkId, string TaskId, string State) : Input;

    private sealed record ReadRunning(TaskCompletionSource<IReadOnlyList<RunningContainer>> Answer) : Input;

    private sealed record AcknowledgedReport(TaskStatusReport Report) : Input;

    private sealed record FenceTasks : Input;
    private sealed record ReadTasks(TaskCompletionSource<IReadOnlyList<RunningTask>> Answer) : Input;
    private sealed record ReadState(TaskCompletionSource<(IReadOnlyList<AgentTaskView>, int)> Answer) : Input;

    private sealed record Settle(TaskCompletionSource Settled) : Input;

    private sealed record Reconcile : Input;

    private sealed record Listed(IReadOnlyList<ContainerListing> Containers) : Input;

    private sealed record Observed(ContainerEvent Event) : Input;

    private sealed record Started(TaskContainer Task, string ContainerId, double StartSeconds) : Input;

    private sealed record RunFailed(TaskContainer Task, string Reason) : Input;

    private sealed record Exited(TaskContainer Task) : Input;

    private sealed record Inspected(TaskContainer Task, ContainerSnapshot? Snapshot, bool Adopting) : Input;

    private sealed record DeathOverdue(TaskContainer Task) : Input;

    private sealed record Removed(TaskContainer Task) : Input;

    private sealed record Logged(string Line) : Input;
}
