using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Oversubscription;
using ClusterSim.Core.Resources;
using ClusterSim.Core.Tasks;
using ClusterSim.RealAgent.Live;

namespace ClusterSim.RealAgent.Scheduler;

/// <summary>
/// The live side of the scheduler driver: a client of a standing master's scheduler API (docs/API.md). It
/// subscribes and keeps the event stream open, re-subscribing with its framework id (with backoff and jitter)
/// when the stream drops, and hands every event to the framework on the framework's own loop, so the
/// framework code is exactly the one that runs in simulation. Calls go out in order on one sender. Times are
/// converted from the loop's (trace) time to wall time with the loop's time scale: a task of 60 trace seconds
/// at x60 runs for one second.
/// </summary>
public sealed class HttpSchedulerDriver : ISchedulerDriver, IAsyncDisposable
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];

    private readonly Uri _master;
    private readonly AuthenticationHeaderValue _credentials;
    private readonly LiveLoop _loop;
    private readonly Action<string> _log;
    private volatile FailoverSetting? _failoverTimeout;
    private readonly LeaderFollowingHandler _masters;
    private readonly HttpClient _http;
    private readonly Channel<JsonObject> _calls = Channel.CreateUnbounded<JsonObject>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly ConditionalWeakTable<StatusUpdate, string> _uuids = new();
    private readonly Dictionary<string, AgentId> _agentIds = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _agentNames = [];
    // The role of each offer the framework holds and whether it is revocable (on the loop), so that launched
    // tasks' resources name the role and are marked revocable as the offer's were.
    private readonly Dictionary<long, (string Role, bool Revocable)> _offerRoles = [];
    private volatile FrameworkInfo? _info;
    // Roles the framework is suppressed in as UPDATE_FRAMEWORK last said; a re-subscription states them again.
    private volatile string[] _suppressedRoles = [];
    private ISchedulerLink? _scheduler;
    // The current stream's id, once the master has answered a SUBSCRIBE; replaced by a pending one while the
    // driver subscribes again, so calls wait for a stream to name instead of polling for one.
    private volatile TaskCompletionSource<string> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile int _frameworkId = -1;
    private bool _tornDown;
    private int _disposed;
    private Task _subscription = Task.CompletedTask;
    private Task _sender = Task.CompletedTask;

    /// <param name="masters">One master, or several of which one leads: calls and the subscription go to the
    /// leader, following redirects and moving on from a master that cannot be reached.</param>
    public HttpSchedulerDriver(IReadOnlyList<Uri> masters, string principal, string secret, LiveLoop loop, Action<string> log,
        TimeSpan? failoverTimeout = null)
    {
        _masters = new LeaderFollowingHandler(masters);
        _http = new HttpClient(_masters) { Timeout = Timeout.InfiniteTimeSpan };
        _master = masters[0];
        _credentials = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{principal}:{secret}")));
        _loop = loop;
        _log = log;
        _failoverTimeout = failoverTimeout is { } f ? new FailoverSetting(f) : null;
    }

    // A TimeSpan in a class, so the subscription thread reads it whole while UpdateFramework replaces it.
    private sealed record FailoverSetting(TimeSpan Timeout);

    public FrameworkId Framework => new(_frameworkId);

    public bool IsSubscribed => _frameworkId >= 0 && !_tornDown;

    /// <summary>Completes when the first subscription is answered (or fails for good).</summary>
    public Task Subscribed => _subscribed.Task;

    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Subscribe(FrameworkInfo info, ISchedulerLink scheduler)
    {
        _info = info;
        _scheduler = scheduler;
        _subscription = Task.Run(() => SubscribeLoopAsync(_stop.Token));
        _sender = Task.Run(() => SendLoopAsync(_stop.Token));
    }

    // ---- the event stream --------------------------------------------------------------------------

    private async Task SubscribeLoopAsync(CancellationToken token)
    {
        int failures = 0;
        while (!token.IsCancellationRequested)
        {
            try
            {
                bool fatal = await StreamOnceAsync(token);
                if (fatal) return;
                failures = 0;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or JsonException)
            {
                _log($"framework {_info!.Name}: the master at {_masters.Current} could not be reached or dropped the stream ({e.Message}); subscribing again");
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            if (_stream.Task.IsCompleted) _stream = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            // Exponential backoff with jitter, so frameworks that lost one master do not return all at once.
            var wait = Backoff[Math.Min(failures++, Backoff.Length - 1)];
            try
            {
                await Task.Delay(wait * (0.5 + Random.Shared.NextDouble()), token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One subscription until its stream ends; true when the master refused it for good.</summary>
    private async Task<bool> StreamOnceAsync(CancellationToken token)
    {
        var subscribe = new JsonObject { ["framework_info"] = FrameworkInfoJson(_info!) };
        if (_suppressedRoles is { Length: > 0 } suppressed) subscribe["suppressed_roles"] = RoleArray(suppressed);
        var call = new JsonObject { ["type"] = "SUBSCRIBE", ["subscribe"] = subscribe };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_master, "api/v1/scheduler"))
        {
            Content = new StringContent(call.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = _credentials;
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
        if (!response.IsSuccessStatusCode)
        {
            var text = (await response.Content.ReadAsStringAsync(token)).Trim();
            var name = _info!.Name;
            bool fatal = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest or HttpStatusCode.Conflict;
            _log($"framework {name}: the master refused the subscription: {text}");
            if (fatal)
            {
                _subscribed.TrySetException(new InvalidOperationException($"framework {name}: {text}"));
                _loop.Post(() => _scheduler!.Error(text));
            }
            return fatal;
        }
        _stream.TrySetResult(response.Headers.TryGetValues(SchedulerApi.StreamIdHeader, out var ids) ? ids.First() : "");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(token));
        while (await reader.ReadLineAsync(token) is { } line)
        {
            if (line.Length == 0) continue;
            using var document = JsonDocument.Parse(line);
            Dispatch(document.RootElement);
        }
        return _tornDown;
    }

    /// <summary>The FrameworkInfo that SUBSCRIBE and UPDATE_FRAMEWORK carry. One role is <c>role</c>; several are
    /// <c>roles</c> with the MULTI_ROLE capability, as Mesos requires (src/master/validation.cpp, validateRoles).</summary>
    private JsonObject FrameworkInfoJson(FrameworkInfo framework)
    {
        var info = new JsonObject { ["name"] = framework.Name };
        var capabilities = new JsonArray();
        if (framework.Roles.Count == 1) info["role"] = framework.Role;
        else
        {
            info["roles"] = RoleArray(framework.Roles);
            capabilities.Add(new JsonObject { ["type"] = "MULTI_ROLE" });
        }
        if (framework.HasCapability("gpu")) capabilities.Add(new JsonObject { ["type"] = "GPU_RESOURCES" });
        if (framework.HasCapability(Core.Cluster.Master.PartitionAware)) capabilities.Add(new JsonObject { ["type"] = "PARTITION_AWARE" });
        if (framework.HasCapability(RevocableResources.Capability)) capabilities.Add(new JsonObject { ["type"] = "REVOCABLE_RESOURCES" });
        if (capabilities.Count > 0) info["capabilities"] = capabilities;
        if (_failoverTimeout is { } failover) info["failover_timeout"] = failover.Timeout.TotalSeconds;
        if (_frameworkId >= 0) info["id"] = MesosJson.Id(_frameworkId.ToString(CultureInfo.InvariantCulture));
        return info;
    }

    private static JsonArray RoleArray(IEnumerable<string> roles) => new(roles.Select(r => (JsonNode)r).ToArray());

    /// <summary>Turns one event into a call on the framework, on its loop.</summary>
    private void Dispatch(JsonElement e)
    {
        var type = e.GetProperty("type").GetString();
        switch (type)
        {
            case "SUBSCRIBED":
                {
                    int id = int.Parse(e.GetProperty("subscribed").GetProperty("framework_id").GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
                    bool first = _frameworkId < 0;
                    _frameworkId = id;
                    _subscribed.TrySetResult();
                    if (first) _loop.Post(() => _scheduler!.Subscribed(new FrameworkId(id)));
                    else _log($"framework {_info!.Name}: re-subscribed as framework {id}");
                    break;
                }
            case "OFFERS":
                {
                    var raw = e.GetProperty("offers").GetProperty("offers").Clone();
                    _loop.Post(() => _scheduler!.ResourceOffers(ReadOffers(raw)));
                    break;
                }
            case "RESCIND":
                {
                    long offer = long.Parse(e.GetProperty("rescind").GetProperty("offer_id").GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
                    _loop.Post(() =>
                    {
                        _offerRoles.Remove(offer);
                        _scheduler!.OfferRescinded(new OfferId(offer));
                    });
                    break;
                }
            case "UPDATE":
                {
                    var status = e.GetProperty("update").GetProperty("status").Clone();
                    _loop.Post(() => Deliver(status));
                    break;
                }
            case "ERROR":
                {
                    var message = e.GetProperty("error").GetProperty("message").GetString() ?? "";
                    _loop.Post(() => _scheduler!.Error(message));
                    break;
                }
            case "INVERSE_OFFERS":
                {
                    var raw = e.GetProperty("inverse_offers").GetProperty("inverse_offers").Clone();
                    _loop.Post(() => _scheduler!.InverseOffers(ReadInverseOffers(raw)));
                    break;
                }
            case "RESCIND_INVERSE_OFFER":
                {
                    long offer = long.Parse(e.GetProperty("rescind_inverse_offer").GetProperty("inverse_offer_id").GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
                    _loop.Post(() => _scheduler!.InverseOfferRescinded(new OfferId(offer)));
                    break;
                }
            case "FAILURE":
                _log($"framework {_info!.Name}: agent {e.GetProperty("failure").GetProperty("agent_id").GetProperty("value").GetString()} was lost");
                break;
        }
    }

    /// <summary>On the loop: offers as the framework code knows them. Agents are numbered here, in the order
    /// this framework first heard of them (the master names them).</summary>
    private List<Offer> ReadOffers(JsonElement offers)
    {
        var list = new List<Offer>(offers.GetArrayLength());
        foreach (var o in offers.EnumerateArray())
        {
            var name = o.GetProperty("agent_id").GetProperty("value").GetString()!;
            var agent = AgentIdOf(name);
            var (total, reserved) = MesosJson.ReadOfferResources(o.GetProperty("resources"), "offer.resources");
            var id = long.Parse(o.GetProperty("id").GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
            var role = o.TryGetProperty("allocation_info", out var allocation) ? allocation.GetProperty("role").GetString()! : _info!.Role;
            // Revocable resources are offered on their own (Sim.Core's RevocableResources): the framework code
            // knows such an offer by its pseudo-role, as in simulation.
            bool revocable = MesosJson.ReadRevocable(o.GetProperty("resources"), "offer.resources") == true;
            _offerRoles[id] = (role, revocable);
            list.Add(new Offer(new OfferId(id), Framework, agent, new AgentInfo(name, ResourceSet.Of(total), new Dictionary<string, string>()),
                total, _loop.Now)
            {
                Reserved = reserved,
                Role = revocable ? RevocableResources.Role : role,
                Unavailability = o.TryGetProperty("unavailability", out var window) ? ReadUnavailability(window) : null,
            });
        }
        return list;
    }

    /// <summary>On the loop: inverse offers, their windows in this loop's time.</summary>
    private List<InverseOffer> ReadInverseOffers(JsonElement offers)
    {
        var list = new List<InverseOffer>(offers.GetArrayLength());
        foreach (var o in offers.EnumerateArray())
        {
            var name = o.GetProperty("agent_id").GetProperty("value").GetString()!;
            var id = long.Parse(o.GetProperty("id").GetProperty("value").GetString()!, CultureInfo.InvariantCulture);
            list.Add(new InverseOffer(new OfferId(id), Framework, AgentIdOf(name),
                new AgentInfo(name, ResourceSet.Of(Core.Resources.Resources.Empty), new Dictionary<string, string>()),
                ReadUnavailability(o.GetProperty("unavailability")), _loop.Now));
        }
        return list;
    }

    private Unavailability ReadUnavailability(JsonElement window)
    {
        var clock = new LoopClock(_loop, _loop.TimeScale);
        var start = clock.FromUnixNanos(window.GetProperty("start").GetProperty("nanoseconds").GetInt64());
        var duration = window.TryGetProperty("duration", out var d)
            ? clock.FromNanos(d.GetProperty("nanoseconds").GetInt64())
            : Core.Timing.Duration.Forever;
        return new Unavailability(start, duration);
    }

    private AgentId AgentIdOf(string name)
    {
        if (_agentIds.TryGetValue(name, out var id)) return id;
        id = new AgentId(_agentIds.Count);
        _agentIds[name] = id;
        _agentNames[id.Value] = name;
        return id;
    }

    private void Deliver(JsonElement status)
    {
        var task = new TaskId(status.GetProperty("task_id").GetProperty("value").GetString()!);
        if (!MesosJson.TryParseState(status.GetProperty("state").GetString() ?? "", out var state)) return;
        var agent = status.TryGetProperty("agent_id", out var a) ? AgentIdOf(a.GetProperty("value").GetString()!) : new AgentId(-1);
        var message = status.TryGetProperty("message", out var m) ? m.GetString() : null;
        // The reason and source Mesos's v1 API sends beside the message (include/mesos/v1/mesos.proto,
        // TaskStatus.reason, .source); one the simulator does not give is left unset.
        var update = new StatusUpdate(Framework, task, agent, state, _loop.Now, message)
        {
            Code = StatusReasons.ReasonNamed(status.TryGetProperty("reason", out var r) ? r.GetString() : null),
            Source = StatusReasons.SourceNamed(status.TryGetProperty("source", out var s) ? s.GetString() : null),
        };
        if (status.TryGetProperty("uuid", out var uuid) && uuid.GetString() is { } u) _uuids.AddOrUpdate(update, u);
        _scheduler!.StatusUpdate(update);
    }

    // ---- calls -------------------------------------------------------------------------------------

    private void Call(string type, JsonObject? body = null)
    {
        if (_tornDown) return;
        var call = new JsonObject { ["framework_id"] = MesosJson.Id(_frameworkId.ToString(CultureInfo.InvariantCulture)), ["type"] = type };
        if (body != null) call[type.ToLowerInvariant()] = body;
        _calls.Writer.TryWrite(call);
    }

    private async Task SendLoopAsync(CancellationToken token)
    {
        try
        {
            await foreach (var call in _calls.Reader.ReadAllAsync(token))
            {
                for (int attempt = 0; ; attempt++)
                {
                    // A call waits for a stream to name (the driver re-subscribes after a drop).
                    var streamId = await _stream.Task.WaitAsync(token);
                    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_master, "api/v1/scheduler"))
                    {
                        Content = new StringContent(call.ToJsonString(), Encoding.UTF8, "application/json"),
                    };
                    request.Headers.Authorization = _credentials;
                    request.Headers.Add(SchedulerApi.StreamIdHeader, streamId);
                    try
                    {
                        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                        timeout.CancelAfter(TimeSpan.FromSeconds(30));
                        using var response = await _http.SendAsync(request, timeout.Token);
                        if (response.IsSuccessStatusCode) break;
                        var text = (await response.Content.ReadAsStringAsync(token)).Trim();
                        if (response.StatusCode == HttpStatusCode.BadRequest && text.Contains(SchedulerApi.StreamIdHeader) && attempt < 3)
                        {
                            // The stream was replaced meanwhile: send again on the new one.
                            await Task.Delay(Backoff[attempt], token);
                            continue;
                        }
                        _log($"framework {_info!.Name}: {call["type"]} refused: {text}");
                        _loop.Post(() => _scheduler!.Error($"{call["type"]}: {text}"));
                        break;
                    }
                    catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !token.IsCancellationRequested))
                    {
                        if (attempt >= Backoff.Length - 1)
                        {
                            _log($"framework {_info!.Name}: {call["type"]} not delivered after {attempt + 1} tries ({e.Message}); dropped");
                            break;
                        }
                        await Task.Delay(Backoff[attempt], token);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Accept(IReadOnlyList<OfferId> offers, IReadOnlyList<TaskSpec> tasks, OfferFilter filter,
        IReadOnlyList<OfferOperation>? operations = null)
    {
        var ops = new JsonArray();
        foreach (var op in operations ?? [])
        {
            var key = op.Kind == OfferOperationKind.Reserve ? "reserve" : "unreserve";
            ops.Add(new JsonObject { ["type"] = key.ToUpperInvariant(), [key] = new JsonObject { ["resources"] = MesosJson.Resources(op.Resources) } });
        }
        (string Role, bool Revocable)? held = null;
        foreach (var offer in offers)
            if (_offerRoles.Remove(offer.Value, out var r)) held ??= r;
        if (tasks.Count > 0)
        {
            var infos = new JsonArray();
            foreach (var task in tasks) infos.Add(TaskInfo(task, held?.Role, held?.Revocable == true));
            ops.Add(new JsonObject { ["type"] = "LAUNCH", ["launch"] = new JsonObject { ["task_infos"] = infos } });
        }
        Call("ACCEPT", new JsonObject { ["offer_ids"] = OfferIds(offers), ["operations"] = ops, ["filters"] = Filters(filter) });
    }

    /// <summary>A TaskInfo whose resources name the offer's allocation role (Resource.allocation_info, as a
    /// MULTI_ROLE scheduler sets it) and, on a revocable offer, are revocable (Resource.RevocableInfo).</summary>
    private JsonObject TaskInfo(TaskSpec task, string? role, bool revocable)
    {
        var info = new JsonObject
        {
            ["name"] = task.Id.Value,
            ["task_id"] = MesosJson.Id(task.Id.Value),
            ["resources"] = MesosJson.Resources(task.Resources, allocationRole: role, revocable: revocable),
        };
        if (!task.Duration.IsForever) info["duration_seconds"] = task.Duration.Seconds / _loop.TimeScale;
        if (task.Container is { } container)
        {
            info["container"] = new JsonObject { ["type"] = "DOCKER", ["docker"] = new JsonObject { ["image"] = container.Image } };
            if (container.Command.Count > 0)
                info["command"] = new JsonObject
                {
                    ["value"] = container.Command is ["sh", "-c", var script] ? script : string.Join(' ', container.Command.Select(Quote)),
                };
        }
        return info;
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''") + "'";

    private JsonObject Filters(OfferFilter filter) => new() { ["refuse_seconds"] = filter.RefuseFor.Seconds / _loop.TimeScale };

    private static JsonArray OfferIds(IReadOnlyList<OfferId> offers)
    {
        var ids = new JsonArray();
        foreach (var offer in offers) ids.Add(MesosJson.Id(offer.Value.ToString(CultureInfo.InvariantCulture)));
        return ids;
    }

    public void Decline(OfferId offer, OfferFilter filter) => Decline([offer], filter);

    public void Decline(IReadOnlyList<OfferId> offers, OfferFilter filter)
    {
        foreach (var offer in offers) _offerRoles.Remove(offer.Value);
        Call("DECLINE", new JsonObject { ["offer_ids"] = OfferIds(offers), ["filters"] = Filters(filter) });
    }

    public void Revive() => Call("REVIVE");

    public void Suppress() => Call("SUPPRESS");

    public void Revive(IReadOnlyCollection<string> roles) => Call("REVIVE", RolesOf(roles));

    public void Suppress(IReadOnlyCollection<string> roles) => Call("SUPPRESS", RolesOf(roles));

    private static JsonObject RolesOf(IReadOnlyCollection<string> roles) => new() { ["roles"] = RoleArray(roles) };

    /// <summary>
    /// UPDATE_FRAMEWORK (scheduler.proto Call.UpdateFramework), as Mesos's driver sends it (src/sched/sched.cpp,
    /// SchedulerProcess::updateFramework): the framework's roles and capabilities become <paramref name="info"/>'s,
    /// it is suppressed in <paramref name="suppressedRoles"/> (none: offered in all its roles) and, when given,
    /// its failover timeout changes. The driver keeps all three, so a later re-subscription states them again.
    /// Before the first subscription is answered only that is done: the SUBSCRIBE carries them. The name cannot
    /// change (the master refuses it, as it refuses leaving a role with live tasks: the framework hears an error).
    /// Minimum allocatable resources are not sent: the master's scheduler API does not read them.
    /// </summary>
    public void UpdateFramework(FrameworkInfo info, IReadOnlyCollection<string>? suppressedRoles = null, TimeSpan? failoverTimeout = null)
    {
        var suppressed = (suppressedRoles ?? []).ToArray();
        foreach (var role in suppressed)
            if (!info.Roles.Contains(role))
                throw new ArgumentException($"framework '{info.Name}': suppressed role '{role}' is not one of its roles {string.Join(", ", info.Roles)}", nameof(suppressedRoles));
        _info = info;
        _suppressedRoles = suppressed;
        if (failoverTimeout is { } f) _failoverTimeout = new FailoverSetting(f);
        if (_frameworkId < 0) return;
        var body = new JsonObject { ["framework_info"] = FrameworkInfoJson(info) };
        if (suppressed.Length > 0) body["suppressed_roles"] = RoleArray(suppressed);
        Call("UPDATE_FRAMEWORK", body);
    }

    public void AcceptInverseOffers(IReadOnlyList<OfferId> offers, OfferFilter filter) =>
        Call("ACCEPT_INVERSE_OFFERS", new JsonObject { ["inverse_offer_ids"] = OfferIds(offers), ["filters"] = Filters(filter) });

    public void DeclineInverseOffers(IReadOnlyList<OfferId> offers, OfferFilter filter) =>
        Call("DECLINE_INVERSE_OFFERS", new JsonObject { ["inverse_offer_ids"] = OfferIds(offers), ["filters"] = Filters(filter) });

    public void Kill(TaskId task) => Call("KILL", new JsonObject { ["task_id"] = MesosJson.Id(task.Value) });

    public void Acknowledge(StatusUpdate update)
    {
        if (!_uuids.TryGetValue(update, out var uuid)) return;
        var agent = _agentNames.GetValueOrDefault(update.Agent.Value, "");
        Call("ACKNOWLEDGE", new JsonObject
        {
            ["agent_id"] = MesosJson.Id(agent),
            ["task_id"] = MesosJson.Id(update.Task.Value),
            ["uuid"] = uuid,
        });
    }

    public void Reconcile(IReadOnlyList<TaskId> tasks) => Reconcile(tasks.Select(t => new ReconcileTask(t)).ToArray());

    public void Reconcile(IReadOnlyList<ReconcileTask> tasks)
    {
        var list = new JsonArray();
        foreach (var task in tasks)
        {
            var item = new JsonObject { ["task_id"] = MesosJson.Id(task.Task.Value) };
            if (task.Agent is { } agent && _agentNames.TryGetValue(agent.Value, out var name)) item["agent_id"] = MesosJson.Id(name);
            list.Add(item);
        }
        Call("RECONCILE", new JsonObject { ["tasks"] = list });
    }

    public void Teardown()
    {
        Call("TEARDOWN");
        _tornDown = true;
        _calls.Writer.TryComplete();
    }

    public Core.Resources.Resources Footprint(Core.Resources.Resources demand) => demand;

    /// <summary>Waits for queued calls (the TEARDOWN among them) to go out, then closes the stream.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        _calls.Writer.TryComplete();
        await _sender.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
        await _stop.CancelAsync();
        await _subscription.ContinueWith(_ => { });
        _http.Dispose();
        _stop.Dispose();
    }
}
