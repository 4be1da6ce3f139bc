using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ClusterSim.Core.Resources;
using ClusterSim.RealAgent.Docker;
using ClusterSim.RealAgent.Docker.Models;
using ClusterSim.RealAgent.Live;
using ClusterSim.RealAgent.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ClusterSim.RealAgent.Agent;

/// <summary>
/// The agent daemon: registers with the master and heartbeats, runs each launched task as a Docker
/// container with the task's resources as hard limits, and reports every task's end until the master
/// acknowledges it. Exits are learnt from a wait registered before the container starts and from the
/// daemon's event stream; because that stream is lossy, the agent lists and inspects its labelled containers
/// after every (re)connection. On restart it finds its own containers by its agent label and carries on
/// following them, reporting what ended while it was down. A container is removed only after its final
/// status is acknowledged: AutoRemove would lose the exit code.
/// </summary>
public sealed class AgentDaemon : IAsyncDisposable
{
    private readonly AgentOptions _options;
    private readonly DockerClient _docker = new();
    private readonly HttpClient _master;
    private readonly Lock _lock = new();
    private readonly Dictionary<(int, string), TaskContainer> _tasks = [];
    private readonly Dictionary<string, TaskContainer> _byContainer = new(StringComparer.Ordinal);
    private readonly HashSet<(int, string)> _killedBeforeLaunch = [];
    private readonly List<(TaskContainer Task, TaskStatusReport Report)> _outbox = [];
    private readonly SemaphoreSlim _outboxSignal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private WebApplication? _app;
    private string _resources = "";
    private TimeSpan _heartbeat = TimeSpan.FromSeconds(15);

    public AgentDaemon(AgentOptions options)
    {
        _options = options;
        _master = new HttpClient { BaseAddress = new Uri(options.MasterUrl.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(10) };
        _master.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token.Value);
    }

    /// <summary>The address the agent's own endpoints are bound to (the real port when asked for port 0).</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Starts everything and runs until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var token = linked.Token;
        _resources = _options.Resources ?? await HostResourcesAsync(token);
        if (!ResourceSet.TryParse(_resources, out _, out var error))
            throw new ArgumentException($"--resources '{_resources}': {error}");
        await StartEndpointsAsync(token);
        _options.Log($"agent {_options.Name} listening on {Address}, offering {_resources}");
        await ReconcileAsync(token);
        var events = Task.Run(() => FollowEventsAsync(token), token);
        var outbox = Task.Run(() => SendUpdatesAsync(token), token);
        await RegisterAsync(token);
        try
        {
            while (!token.IsCancellationRequested)
            {
                await Task.Delay(_heartbeat, token);
                await HeartbeatAsync(token);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
        }
        try { await Task.WhenAll(events, outbox); } catch (OperationCanceledException) { }
    }

    private async Task<string> HostResourcesAsync(CancellationToken token)
    {
        var info = await _docker.System.GetInfoAsync(token);
        double cpus = Math.Max(0.1, info.Ncpu - _options.ReserveCpus);
        double mem = Math.Max(64, Math.Floor(info.MemTotal / (1024.0 * 1024) - _options.ReserveMem));
        return string.Create(CultureInfo.InvariantCulture, $"cpus:{cpus};mem:{mem}");
    }

    // ---- the agent's own endpoints (master to agent) -----------------------------------------------

    private async Task StartEndpointsAsync(CancellationToken token)
    {
        var app = EmbeddedServer.Build(_options.Listen, _options.Token);
        app.MapPost("/api/tasks/launch", (TaskLaunch? launch) =>
        {
            if (launch == null || string.IsNullOrEmpty(launch.TaskId) || string.IsNullOrEmpty(launch.Image))
                return Results.BadRequest($"launch on agent {_options.Name}: expected a JSON body with frameworkId, framework, taskId, cpus, mem, image");
            _ = Task.Run(() => LaunchAsync(launch, _stop.Token));
            return Results.Accepted();
        });
        app.MapPost("/api/tasks/kill", (TaskKill? kill) =>
        {
            if (kill == null || string.IsNullOrEmpty(kill.TaskId))
                return Results.BadRequest($"kill on agent {_options.Name}: expected a JSON body with frameworkId and taskId");
            _ = Task.Run(() => KillAsync(kill, _stop.Token));
            return Results.Accepted();
        });
        app.MapGet("/state", () =>
        {
            lock (_lock)
                return Results.Json(new
                {
                    name = _options.Name,
                    resources = _resources,
                    tasks = _tasks.Values.Select(t => new { frameworkId = t.FrameworkId, framework = t.Framework, taskId = t.TaskId, container = t.ContainerId, final = t.Final?.State }).ToArray(),
                    unacknowledged = _outbox.Count,
                }, ProtocolJson.Options);
        });
        Address = await EmbeddedServer.StartAsync(app, _options.Listen, token);
        _app = app;
    }

    private async Task LaunchAsync(TaskLaunch launch, CancellationToken token)
    {
        var task = new TaskContainer(launch.FrameworkId, launch.Framework, launch.TaskId);
        lock (_lock)
        {
            if (_tasks.TryGetValue(task.Key, out var existing) && existing.Final == null) return; // a resent launch
            if (_killedBeforeLaunch.Remove(task.Key))
            {
                Report(task, "KILLED", "killed on request before it started");
                return;
            }
            _tasks[task.Key] = task;
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var parameters = ContainerRecipe.For(launch, _options.Name, _options.PidsLimit);
        task.MemoryLimitBytes = parameters.HostConfig!.Memory ?? 0;
        try
        {
            var created = await _docker.Containers.CreateAsync(parameters, token);
            lock (_lock)
            {
                task.ContainerId = created.Id;
                _byContainer[created.Id] = task;
            }
            // The wait goes out before the start, so even an instant exit is seen (the event stream and the
            // reconciliation catch what a wait registered too late would miss).
            _ = WaitForExitAsync(task, "next-exit", token);
            await Task.Delay(50, token);
            if (task.KillRequested)
            {
                Finish(task, "KILLED", "killed on request before it started");
                return;
            }
            task.Launched = clock;
            await _docker.Containers.StartAsync(created.Id, token);
            ReportRunning(task);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException)
        {
            Finish(task, "FAILED", $"agent {_options.Name} could not run image {launch.Image}: {e.Message}");
        }
    }

    private async Task KillAsync(TaskKill kill, CancellationToken token)
    {
        TaskContainer? task;
        lock (_lock)
        {
            if (!_tasks.TryGetValue((kill.FrameworkId, kill.TaskId), out task) || task.Final != null)
            {
                if (task == null) _killedBeforeLaunch.Add((kill.FrameworkId, kill.TaskId));
                return;
            }
            task.KillRequested = true;
        }
        if (task.ContainerId is not { } id) return;
        try
        {
            await _docker.Containers.KillAsync(id, new ContainerKillParameters { Signal = "SIGKILL" }, token);
        }
        catch (DockerApiException)
        {
            // Already exited: its exit is being reported.
        }
        await ExitedAsync(task, token);
    }

    // ---- learning of exits --------------------------------------------------------------------------

    private async Task WaitForExitAsync(TaskContainer task, string condition, CancellationToken token)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, task.Waiting.Token);
        try
        {
            await _docker.Containers.WaitAsync(task.ContainerId!, new ContainerWaitParameters { Condition = condition }, linked.Token);
            await ExitedAsync(task, token);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            // The event stream and reconciliation still see the exit.
        }
    }

    /// <summary>Inspects an exited container and reports how its task ended; idempotent.</summary>
    private async Task ExitedAsync(TaskContainer task, CancellationToken token)
    {
        if (task.Final != null || task.ContainerId is not { } id) return;
        ContainerInspectResponse inspected;
        try
        {
            inspected = await _docker.Containers.InspectAsync(id, token);
        }
        catch (DockerContainerNotFoundException)
        {
            Finish(task, "LOST", "the container disappeared (removed outside the agent)");
            return;
        }
        var state = inspected.State ?? new ContainerState();
        if (state.Running || state.Restarting) return;
        if (state.Status == "created")
        {
            if (task.KillRequested) Finish(task, "KILLED", "killed on request before it started");
            return;
        }
        if (state.ExitCode == TaskExit.SigKill && !state.OomKilled && !task.KillRequested && !task.OomEvent && task.OutsideKillSignal == null)
        {
            // A SIGKILL nobody here sent: the event stream says whether it was the OOM killer or a docker
            // kill, and the wait may have answered before the stream delivered that; give it a moment.
            await Task.Delay(TimeSpan.FromMilliseconds(500), token);
        }
        var (final, reason) = TaskExit.Classify(task, state);
        Finish(task, final, reason);
    }

    private void Finish(TaskContainer task, string state, string? reason)
    {
        lock (_lock)
        {
            if (task.Final != null) return;
            task.Final = (state, reason);
            // A container that exits at once can be seen exiting before its start call returns: RUNNING
            // still goes first, so the framework sees the task start.
            if (task.Launched != null && !task.Orphan) ReportRunning(task);
        }
        task.Waiting.Cancel();
        _options.Log($"task {task.TaskId} of {task.Framework}: {state}" + (reason != null ? $" ({reason})" : "") + (task.Orphan ? ", an orphan: not reported" : ""));
        if (task.Orphan) _ = Task.Run(() => RemoveAsync(task, _stop.Token));
        else Report(task, state, reason);
    }

    /// <summary>Reports RUNNING once per container, with the launch-to-start time when this agent launched it.</summary>
    private void ReportRunning(TaskContainer task)
    {
        lock (_lock)
        {
            if (task.RunningReported) return;
            task.RunningReported = true;
            Report(task, "RUNNING", null, task.Launched?.Elapsed.TotalSeconds);
        }
    }

    private void Report(TaskContainer task, string state, string? reason, double? startSeconds = null)
    {
        lock (_lock) _outbox.Add((task, new TaskStatusReport(task.FrameworkId, task.TaskId, state, reason, Guid.NewGuid().ToString("N"), startSeconds)));
        _outboxSignal.Release();
    }

    private async Task FollowEventsAsync(CancellationToken token)
    {
        var filters = new DockerFilters().Add("type", "container").Add("label", $"{ContainerLabels.Agent}={_options.Name}")
            .Add("event", "die").Add("event", "oom").Add("event", "kill");
        while (!token.IsCancellationRequested)
        {
            var since = DateTimeOffset.UtcNow.AddSeconds(-1);
            try
            {
                await ReconcileAsync(token);
                await foreach (var e in _docker.Events.MonitorAsync(new EventsParameters { Since = since, Filters = filters }, token))
                {
                    TaskContainer? task;
                    lock (_lock) _byContainer.TryGetValue(e.Actor?.Id ?? "", out task);
                    if (task == null) continue;
                    switch (e.Action)
                    {
                        case "oom":
                            task.OomEvent = true;
                            break;
                        case "kill" when !task.KillRequested:
                            task.OutsideKillSignal = e.Actor?.Attributes?.TryGetValue("signal", out var s) == true ? s : "?";
                            break;
                        case "die":
                            _ = Task.Run(() => ExitedAsync(task, token), token);
                            break;
                    }
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or System.Text.Json.JsonException)
            {
                _options.Log($"agent {_options.Name}: the Docker event stream broke ({e.Message}); reconnecting");
            }
            await Task.Delay(TimeSpan.FromSeconds(1), token);
        }
    }

    /// <summary>
    /// Lists this agent's containers and inspects them: ones not followed yet (after a restart) are taken
    /// back, and exits the event stream lost are reported.
    /// </summary>
    private async Task ReconcileAsync(CancellationToken token)
    {
        var listed = await _docker.Containers.ListAsync(new ContainersListParameters
        {
            All = true,
            Filters = new DockerFilters().Add("label", $"{ContainerLabels.Agent}={_options.Name}"),
        }, token);
        foreach (var container in listed)
        {
            TaskContainer? task;
            bool adopted = false;
            lock (_lock)
            {
                if (!_byContainer.TryGetValue(container.Id, out task))
                {
                    var labels = container.Labels ?? new Dictionary<string, string>();
                    if (!labels.TryGetValue(ContainerLabels.Task, out var taskId)
                        || !labels.TryGetValue(ContainerLabels.FrameworkId, out var fw)
                        || !int.TryParse(fw, CultureInfo.InvariantCulture, out var frameworkId)) continue;
                    task = new TaskContainer(frameworkId, (labels.TryGetValue(ContainerLabels.Framework, out var f) ? f : ""), taskId) { ContainerId = container.Id };
                    _byContainer[container.Id] = task;
                    // A newer container for the same task (a retry) wins the task slot.
                    if (!_tasks.TryGetValue(task.Key, out var other) || other.Final != null) _tasks[task.Key] = task;
                    adopted = true;
                }
            }
            if (adopted)
            {
                var inspected = await _docker.Containers.InspectAsync(container.Id, token);
                task.MemoryLimitBytes = inspected.HostConfig?.Memory ?? 0;
                _options.Log($"agent {_options.Name}: reattached to the container of task {task.TaskId} ({inspected.State?.Status})");
                if (inspected.State?.Running == true)
                {
                    ReportRunning(task);
                    _ = Task.Run(() => WaitForExitAsync(task, "not-running", token), token);
                    continue;
                }
                if (inspected.State?.Status == "created")
                {
                    Finish(task, "FAILED", "the agent restarted before the container started");
                    continue;
                }
            }
            if (container.State != "running") await ExitedAsync(task, token);
        }
    }

    // ---- talking to the master ----------------------------------------------------------------------

    private async Task RegisterAsync(CancellationToken token)
    {
        var registration = new AgentRegistration(_options.Name, Address.ToString().TrimEnd('/'), _resources, _options.Attributes);
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                using var response = await _master.PostAsJsonAsync("api/agents/register", registration, ProtocolJson.Options, token);
                if (response.IsSuccessStatusCode)
                {
                    var reply = await response.Content.ReadFromJsonAsync<RegistrationReply>(ProtocolJson.Options, token);
                    _heartbeat = TimeSpan.FromSeconds(Math.Max(0.1, reply?.HeartbeatSeconds ?? 15));
                    _options.Log($"agent {_options.Name} registered with {_options.MasterUrl}" + (reply?.Reregistered == true ? " (re-registered; its tasks stay)" : ""));
                    if (reply?.Reregistered != true) await KillOrphansAsync(token);
                    return;
                }
                var body = await response.Content.ReadAsStringAsync(token);
                _options.Log($"agent {_options.Name}: the master at {_options.MasterUrl} refused the registration: {(int)response.StatusCode} {body.Trim()}");
                if (response.StatusCode == HttpStatusCode.Unauthorized) throw new UnauthorizedAccessException($"the master at {_options.MasterUrl} refused the token (401)");
            }
            catch (HttpRequestException e)
            {
                _options.Log($"agent {_options.Name}: cannot reach the master at {_options.MasterUrl} ({e.Message}); retrying");
            }
            catch (TaskCanceledException) when (!token.IsCancellationRequested)
            {
            }
            await Task.Delay(delay, token);
            delay = TimeSpan.FromMilliseconds(Math.Min(5000, delay.TotalMilliseconds * 2));
        }
    }

    /// <summary>
    /// The master does not know this agent (it was removed, its tasks reported LOST): whatever still runs
    /// here belongs to no task the master counts, so it is killed, as Mesos does with such executors.
    /// </summary>
    private async Task KillOrphansAsync(CancellationToken token)
    {
        TaskContainer[] orphans;
        lock (_lock) orphans = _tasks.Values.Where(t => t.Final == null && t.ContainerId != null).ToArray();
        foreach (var task in orphans)
        {
            _options.Log($"agent {_options.Name}: killing task {task.TaskId}, which the master no longer knows");
            task.Orphan = true;
            await KillAsync(new TaskKill(task.FrameworkId, task.TaskId), token);
        }
    }

    private async Task HeartbeatAsync(CancellationToken token)
    {
        try
        {
            using var response = await _master.PostAsync($"api/agents/{Uri.EscapeDataString(_options.Name)}/heartbeat", null, token);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                _options.Log($"agent {_options.Name}: the master no longer knows this agent; registering again");
                await RegisterAsync(token);
            }
        }
        catch (HttpRequestException e)
        {
            _options.Log($"agent {_options.Name}: heartbeat to {_options.MasterUrl} failed ({e.Message})");
        }
        catch (TaskCanceledException) when (!token.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Sends status updates in order, each until the master acknowledges it (HTTP 200); a task's container
    /// is removed once its final update is acknowledged.
    /// </summary>
    private async Task SendUpdatesAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            (TaskContainer Task, TaskStatusReport Report) next;
            lock (_lock)
            {
                if (_outbox.Count == 0) next = default;
                else next = _outbox[0];
            }
            if (next.Task == null)
            {
                await _outboxSignal.WaitAsync(_options.ResendInterval, token);
                continue;
            }
            bool acknowledged = false;
            try
            {
                using var response = await _master.PostAsJsonAsync($"api/agents/{Uri.EscapeDataString(_options.Name)}/status", next.Report, ProtocolJson.Options, token);
                acknowledged = response.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!token.IsCancellationRequested)
            {
            }
            if (!acknowledged)
            {
                await Task.Delay(_options.ResendInterval, token);
                continue;
            }
            lock (_lock) _outbox.RemoveAt(0);
            if (next.Report.State is "RUNNING" || next.Task.Final == null) continue;
            await RemoveAsync(next.Task, token);
        }
    }

    private async Task RemoveAsync(TaskContainer task, CancellationToken token)
    {
        if (task.ContainerId is { } id)
        {
            try
            {
                await _docker.Containers.RemoveAsync(id, new ContainerRemoveParameters { Force = true }, token);
            }
            catch (DockerContainerNotFoundException)
            {
            }
            catch (DockerApiException e)
            {
                _options.Log($"agent {_options.Name}: could not remove container {id[..12]} of task {task.TaskId}: {e.Message}");
            }
        }
        lock (_lock)
        {
            if (task.ContainerId != null) _byContainer.Remove(task.ContainerId);
            if (_tasks.TryGetValue(task.Key, out var current) && current == task) _tasks.Remove(task.Key);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await EmbeddedServer.StopAsync(_app);
        _docker.Dispose();
        _master.Dispose();
    }
}
