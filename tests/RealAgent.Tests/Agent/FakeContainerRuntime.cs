using System.Runtime.CompilerServices;
using System.Threading.Channels;
using ClusterSim.RealAgent.Containers;

namespace ClusterSim.RealAgent.Tests.Agent;

/// <summary>
/// An in-memory container runtime, so the agent's logic runs without Docker. Containers start at once and
/// run until the test ends them; events reach the agent only when the test publishes them, so a test picks
/// the order in which the wait, the inspection and the event stream learn of an exit, as the real daemon
/// may. Completions run synchronously (no RunContinuationsAsynchronously, synchronous channel readers), so
/// by the time a call here returns, the agent has posted what it learnt to its loop and a settle sees it.
/// </summary>
public sealed class FakeContainerRuntime : IContainerRuntime
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Container> _containers = new(StringComparer.Ordinal);
    private readonly List<Channel<ContainerEvent>> _streams = [];
    private TaskCompletionSource? _heldRuns;
    private int _next;

    public HostCapacity Capacity { get; set; } = new(4, 8L << 30);

    /// <summary>Images that do not exist: running one fails as Docker's create does.</summary>
    public HashSet<string> MissingImages { get; } = [];

    /// <summary>Waits fail at once, as when the connection to the daemon breaks; only events and lists tell of exits.</summary>
    public bool WaitsFail { get; set; }

    /// <summary>Every spec the agent ran, in order.</summary>
    public List<ContainerSpec> Runs
    {
        get { lock (_lock) return [.. _runs]; }
    }

    private readonly List<ContainerSpec> _runs = [];

    /// <summary>Ids of the containers that exist now.</summary>
    public IReadOnlyList<string> Ids
    {
        get { lock (_lock) return [.. _containers.Keys]; }
    }

    /// <summary>Ids of the containers the agent sent SIGKILL to.</summary>
    public List<string> Kills { get; } = [];

    /// <summary>Until <see cref="ReleaseRuns"/>, every run waits between its create and its start.</summary>
    public void HoldRuns()
    {
        lock (_lock)
        {
            _heldRuns = new TaskCompletionSource();
            _runReached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Completes when a held run has created its container (see <see cref="HoldRuns"/>).</summary>
    public Task RunReached
    {
        get { lock (_lock) return _runReached?.Task ?? Task.CompletedTask; }
    }

    private TaskCompletionSource? _runReached;

    public void ReleaseRuns()
    {
        TaskCompletionSource? held;
        lock (_lock) (held, _heldRuns) = (_heldRuns, null);
        held?.TrySetResult();
    }

    /// <summary>A container left by an earlier run of an agent (for restart tests); returns its id.</summary>
    public string Add(IReadOnlyDictionary<string, string> labels, ContainerPhase phase, long exitCode = 0, long memoryBytes = 64L << 20)
    {
        lock (_lock)
        {
            var id = NewId();
            _containers[id] = new Container(id, labels, memoryBytes) { Phase = phase, ExitCode = exitCode };
            return id;
        }
    }

    /// <summary>The container's process ends: waits answer; no event is published.</summary>
    public void End(string id, long exitCode, bool oomKilled = false)
    {
        List<TaskCompletionSource> waiters;
        lock (_lock)
        {
            var c = _containers[id];
            c.Phase = ContainerPhase.Exited;
            c.ExitCode = exitCode;
            c.OomKilled = oomKilled;
            waiters = [.. c.Waiters];
            c.Waiters.Clear();
        }
        foreach (var w in waiters) w.TrySetResult();
    }

    /// <summary>Publishes an event to every open stream.</summary>
    public void Publish(ContainerEvent e)
    {
        List<Channel<ContainerEvent>> streams;
        lock (_lock) streams = [.. _streams];
        foreach (var s in streams) s.Writer.TryWrite(e);
    }

    /// <summary>Exits as Docker reports a plain exit: the wait answers, then the death event.</summary>
    public void Exit(string id, long exitCode)
    {
        End(id, exitCode);
        Publish(new ContainerEvent(id, ContainerEventKind.Died));
    }

    /// <summary>Breaks every open event stream, as a restarted daemon does.</summary>
    public void BreakEventStreams()
    {
        List<Channel<ContainerEvent>> streams;
        lock (_lock)
        {
            streams = [.. _streams];
            _streams.Clear();
        }
        foreach (var s in streams) s.Writer.TryComplete(new ContainerRuntimeException("the event stream broke"));
    }

    /// <summary>Someone removes the container behind the agent's back (docker rm -f).</summary>
    public void RemoveOutside(string id)
    {
        List<TaskCompletionSource> waiters;
        lock (_lock)
        {
            waiters = [.. _containers[id].Waiters];
            _containers.Remove(id);
        }
        foreach (var w in waiters) w.TrySetResult();
    }

    /// <summary>Completes when the agent removes the container.</summary>
    public Task RemovedAsync(string id)
    {
        lock (_lock) return Removal(id).Task;
    }

    private readonly Dictionary<string, TaskCompletionSource> _removals = new(StringComparer.Ordinal);

    private TaskCompletionSource Removal(string id)
    {
        if (!_removals.TryGetValue(id, out var removal))
            _removals[id] = removal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return removal;
    }

    public bool Exists(string id)
    {
        lock (_lock) return _containers.ContainsKey(id);
    }

    public Task<HostCapacity> GetCapacityAsync(CancellationToken cancellationToken) => Task.FromResult(Capacity);

    public async Task<string> RunAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        Task held;
        string id;
        lock (_lock)
        {
            _runs.Add(spec);
            if (MissingImages.Contains(spec.Image)) throw new ContainerRuntimeException($"could not create a container of image {spec.Image}: No such image: {spec.Image}");
            id = NewId();
            _containers[id] = new Container(id, spec.Labels, spec.MemoryBytes) { Phase = ContainerPhase.Created };
            held = _heldRuns?.Task ?? Task.CompletedTask;
            _runReached?.TrySetResult();
        }
        await held.WaitAsync(cancellationToken);
        lock (_lock) _containers[id].Phase = ContainerPhase.Running;
        return id;
    }

    public Task KillAsync(string id, CancellationToken cancellationToken)
    {
        bool running;
        lock (_lock)
        {
            Kills.Add(id);
            running = _containers.TryGetValue(id, out var c) && c.Phase == ContainerPhase.Running;
        }
        if (running)
        {
            // Docker's order for a kill: the kill event, the exit, the death event.
            Publish(new ContainerEvent(id, ContainerEventKind.Killed, "9"));
            Exit(id, 137);
        }
        return Task.CompletedTask;
    }

    public Task<ContainerSnapshot?> InspectAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult(_containers.TryGetValue(id, out var c)
                ? new ContainerSnapshot(id, c.Phase, c.ExitCode, c.OomKilled, null, c.MemoryBytes)
                : null);
    }

    private readonly Dictionary<string, ContainerUsage> _usage = new(StringComparer.Ordinal);

    /// <summary>What <see cref="UsageAsync"/> answers for the container from now on.</summary>
    public void SetUsage(string id, ContainerUsage usage)
    {
        lock (_lock) _usage[id] = usage;
    }

    public Task<ContainerUsage?> UsageAsync(string id, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult(_containers.ContainsKey(id) ? _usage.GetValueOrDefault(id) ?? new ContainerUsage(0, 0) : null);
    }

    public Task WaitAsync(string id, CancellationToken cancellationToken)
    {
        if (WaitsFail) return Task.FromException(new ContainerRuntimeException($"could not wait for container {id}: connection reset"));
        var waiter = new TaskCompletionSource();
        lock (_lock)
        {
            if (!_containers.TryGetValue(id, out var c) || c.Phase != ContainerPhase.Running) return Task.CompletedTask;
            c.Waiters.Add(waiter);
        }
        cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken));
        return waiter.Task;
    }

    public Task<IReadOnlyList<ContainerListing>> ListAsync(string key, string value, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<ContainerListing>>(_containers.Values
                .Where(c => c.Labels.TryGetValue(key, out var v) && v == value)
                .Select(c => new ContainerListing(c.Id, c.Phase, c.Labels))
                .ToList());
    }

    public async IAsyncEnumerable<ContainerEvent> EventsAsync(string key, string value, DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = Channel.CreateUnbounded<ContainerEvent>(new UnboundedChannelOptions { AllowSynchronousContinuations = true, SingleReader = true });
        lock (_lock) _streams.Add(stream);
        await foreach (var e in stream.Reader.ReadAllAsync(cancellationToken))
        {
            bool labelled;
            lock (_lock) labelled = !_containers.TryGetValue(e.ContainerId, out var c) || (c.Labels.TryGetValue(key, out var v) && v == value);
            if (labelled) yield return e;
        }
    }

    public Task RemoveAsync(string id, CancellationToken cancellationToken)
    {
        List<TaskCompletionSource> waiters = [];
        lock (_lock)
        {
            if (_containers.Remove(id, out var c)) waiters = [.. c.Waiters];
            Removal(id).TrySetResult();
        }
        foreach (var w in waiters) w.TrySetResult();
        return Task.CompletedTask;
    }

    private string NewId() => $"c{++_next}";

    private sealed class Container(string id, IReadOnlyDictionary<string, string> labels, long memoryBytes)
    {
        public string Id { get; } = id;
        public IReadOnlyDictionary<string, string> Labels { get; } = labels;
        public long MemoryBytes { get; } = memoryBytes;
        public ContainerPhase Phase { get; set; }
        public long ExitCode { get; set; }
        public bool OomKilled { get; set; }
        public List<TaskCompletionSource> Waiters { get; } = [];
    }
}
