using System.Globalization;
using ClusterSim.Core.Resources;
using ClusterSim.RealAgent.Containers;
using ClusterSim.RealAgent.Live;
using ClusterSim.RealAgent.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ClusterSim.RealAgent.Agent;

/// <summary>
/// The agent daemon: serves the master's launch and kill calls, registers with the master and heartbeats,
/// and wires the <see cref="Containerizer"/> (which runs the tasks' containers) to the
/// <see cref="StatusOutbox"/> (which takes their status updates to the master until acknowledged). On a
/// restart it takes back its containers before it registers; when the master answers that it did not know
/// the agent any more, what still runs here is killed as orphaned.
/// </summary>
public sealed class AgentDaemon : IAsyncDisposable
{
    private readonly AgentOptions _options;
    private readonly IContainerRuntime _runtime;
    private readonly bool _ownsRuntime;
    private readonly MasterClient _master;
    private readonly StatusOutbox _outbox;
    private readonly Containerizer _containerizer;
    private readonly CancellationTokenSource _stop = new();
    private WebApplication? _app;
    private string _resources = "";
    private TimeSpan _heartbeat = TimeSpan.FromSeconds(15);
    private TimeSpan? _heartbeatTimeout;
    private SlackReporter? _slack;
    private readonly System.Diagnostics.Stopwatch _sinceMaster = new();

    /// <summary>An agent running its tasks in Docker (at DOCKER_HOST, or the default socket).</summary>
    public AgentDaemon(AgentOptions options)
        : this(options, new DockerContainerRuntime())
    {
        _ownsRuntime = true;
    }

    public AgentDaemon(AgentOptions options, IContainerRuntime runtime)
    {
        _options = options;
        _runtime = runtime;
        _master = new MasterClient(options);
        Containerizer? containerizer = null;
        _outbox = new StatusOutbox(_master, options.ResendInterval, report => containerizer!.Acknowledged(report));
        _containerizer = containerizer = new Containerizer(options, runtime, _outbox.Send);
    }

    /// <summary>The address the agent's own endpoints are bound to (the real port when asked for port 0).</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Starts everything and runs until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var token = linked.Token;
        // Asked even when the resources are given: an agent whose runtime does not answer should not start.
        var capacity = await _runtime.GetCapacityAsync(token);
        _resources = _options.Resources ?? HostResources(capacity);
        if (!ResourceSet.TryParse(_resources, out var total, out var error))
            throw new ArgumentException($"--resources '{_resources}': {error}");
        await StartEndpointsAsync(token);
        _options.Log($"agent {_options.Name} listening on {Address}, offering {_resources}");
        var containers = _containerizer.RunAsync(token);
        var slack = Task.CompletedTask;
        var outbox = _outbox.RunAsync(token);
        try
        {
            // The containers of an earlier run are taken back before the master hears of this agent, so an
            // answer that it was forgotten finds them to kill.
            await _containerizer.SettleAsync(token);
            await RegisterAsync(token);
            if (_options.OversubscriptionInterval is { } every)
            {
                _slack = new SlackReporter(_runtime, _containerizer.RunningAsync, _master.ReportOversubscribedAsync, _options.OversubscriptionOffered,
                    () => System.Diagnostics.Stopwatch.GetTimestamp() / (double)System.Diagnostics.Stopwatch.Frequency)
                {
                    Qos = AgentQosController.For(_options, total.Total),
                    Evict = (task, state) => _containerizer.Preempt(task.FrameworkId, task.TaskId, state),
                };
                slack = _slack.RunAsync(every, _options.Log, token);
            }
            var wait = _heartbeat;
            bool fenced = false;
            _ = WatchAsync(token);
            while (!token.IsCancellationRequested)
            {
                // The next heartbeat is due after the interval, or at once when the watch on the master broke.
                await Task.WhenAny(Task.Delay(wait, token), _masterChanged.WaitAsync(token));
                token.ThrowIfCancellationRequested();
                // A heartbeat into a partition hangs until it times out: no longer than an interval, so the
                // fence below is checked on time.
                bool? known;
                using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(token))
                {
                    attempt.CancelAfter(_heartbeat < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : _heartbeat);
                    known = await _master.HeartbeatAsync(attempt.Token);
                }
                if (known != null)
                {
                    fenced = false;
                    _sinceMaster.Restart();
                }
                // Cut off for most of the heartbeat timeout: the master is about to report this agent's tasks
                // LOST (or has), and their frameworks to run them elsewhere; stop them first.
                else if (!fenced && _heartbeatTimeout is { } limit && _sinceMaster.Elapsed > limit * 0.8)
                {
                    fenced = true;
                    _containerizer.Fence();
                }
                // No leader answered: ask again within about a second (with jitter, as Mesos agents back off
                // their re-registration by up to registration_backoff_factor, 1 s), so that a new leader
                // hears of this agent soon after it is elected rather than a whole heartbeat interval later.
                wait = known == null ? TimeSpan.FromMilliseconds(Math.Min(_heartbeat.TotalMilliseconds, 500 + Random.Shared.Next(500))) : _heartbeat;
                if (known == false)
                {
                    _options.Log($"agent {_options.Name}: the master no longer knows this agent; registering again");
                    await RegisterAsync(token);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        await Task.WhenAll(containers, outbox, slack);
    }

    private string HostResources(HostCapacity capacity)
    {
        double cpus = Math.Max(0.1, capacity.Cpus - _options.ReserveCpus);
        double mem = Math.Max(64, Math.Floor(capacity.MemoryBytes / (1024.0 * 1024) - _options.ReserveMem));
        return string.Create(CultureInfo.InvariantCulture, $"cpus:{cpus};mem:{mem}");
    }

    private async Task StartEndpointsAsync(CancellationToken token)
    {
        var app = EmbeddedServer.Build(_options.Listen, _options.Authentication());
        app.MapPost("/api/tasks/launch", (TaskLaunch? launch) =>
        {
            if (launch == null || string.IsNullOrEmpty(launch.TaskId) || string.IsNullOrEmpty(launch.Image))
                return Results.BadRequest($"launch on agent {_options.Name}: expected a JSON body with frameworkId, framework, taskId, cpus, mem, image");
            _containerizer.Launch(launch);
            return Results.Accepted();
        });
        app.MapPost("/api/tasks/kill", (TaskKill? kill) =>
        {
            if (kill == null || string.IsNullOrEmpty(kill.TaskId))
                return Results.BadRequest($"kill on agent {_options.Name}: expected a JSON body with frameworkId and taskId");
            _containerizer.Kill(kill);
            return Results.Accepted();
        });
        app.MapGet("/state", async (CancellationToken requestAborted) =>
        {
            var (tasks, unacknowledged) = await _containerizer.StateAsync(requestAborted);
            return Results.Json(new { name = _options.Name, resources = _resources, tasks, unacknowledged }, ProtocolJson.Options);
        });
        Address = await EmbeddedServer.StartAsync(app, _options.Listen, token);
        _app = app;
    }

    private async Task RegisterAsync(CancellationToken token)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        RegistrationReply? reply;
        // Built anew for each try: the tasks reported are the ones running when the master is reached.
        while ((reply = await _master.RegisterAsync(await RegistrationAsync(token), token)) == null)
        {
            await Task.Delay(delay, token);
            delay = TimeSpan.FromMilliseconds(Math.Min(5000, delay.TotalMilliseconds * 2));
        }
        _heartbeat = TimeSpan.FromSeconds(Math.Max(0.1, reply.HeartbeatSeconds));
        _heartbeatTimeout = reply.HeartbeatTimeoutSeconds is { } timeout ? TimeSpan.FromSeconds(timeout) : null;
        _sinceMaster.Restart();
        _options.Log($"agent {_options.Name} registered with {_master.Master}" + (reply.Reregistered ? " (re-registered; its tasks stay)" : ""));
        if (!reply.Reregistered) _containerizer.KillOrphans();
        // The master may not know this agent's estimate (a new leader, or this agent was removed): the next tick
        // reports it even if unchanged, as Mesos's agent re-sends it after (re)registering.
        _slack?.Forget();
    }

    private readonly SemaphoreSlim _masterChanged = new(0, 1);

    /// <summary>Keeps a watch open on the leading master; when one breaks (the leader died or stepped down), the
    /// heartbeat loop is woken so that the agent finds the next leader at once, then watches again after a
    /// short, jittered pause.</summary>
    private async Task WatchAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            try
            {
                if (await _master.WatchAsync(token)) continue;
                if (_masterChanged.CurrentCount == 0) _masterChanged.Release();
                await Task.Delay(TimeSpan.FromMilliseconds(500 + Random.Shared.Next(500)), token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    private async Task<AgentRegistration> RegistrationAsync(CancellationToken token) =>
        new(_options.Name, Address.ToString().TrimEnd('/'), _resources, _options.Attributes)
        {
            Tasks = await _containerizer.TasksToReregisterAsync(token),
        };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await EmbeddedServer.StopAsync(_app);
        if (_ownsRuntime && _runtime is IDisposable disposable) disposable.Dispose();
        _master.Dispose();
    }
}
