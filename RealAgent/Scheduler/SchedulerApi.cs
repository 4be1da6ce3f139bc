using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using ClusterSim.RealAgent.Live;
using ClusterSim.RealAgent.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ClusterSim.RealAgent.Scheduler;

/// <summary>
/// <c>POST /api/v1/scheduler</c>, modelled on Mesos's v1 scheduler HTTP API (docs/scheduler-http-api.md,
/// src/master/http.cpp Master::Http::scheduler): SUBSCRIBE keeps the response open and streams events, one
/// JSON object per line; the other calls (ACCEPT, DECLINE, REVIVE, SUPPRESS, KILL, ACKNOWLEDGE, RECONCILE,
/// TEARDOWN, UPDATE_FRAMEWORK, ACCEPT_INVERSE_OFFERS, DECLINE_INVERSE_OFFERS) name the framework and the
/// stream and are answered 202. Frameworks with the MULTI_ROLE capability subscribe in several roles
/// (include/mesos/v1/scheduler/scheduler.proto; src/master/validation.cpp). Every call is carried out on the
/// master's loop, so HTTP threads never touch the master. docs/API.md is the reference for clients.
/// </summary>
public sealed class SchedulerApi(SchedulerApiOptions options) : IMasterListener
{
    public const string StreamIdHeader = "Mesos-Stream-Id";

    private readonly Dictionary<FrameworkId, Subscriber> _subscribers = [];
    private readonly Dictionary<int, string> _agentNames = [];
    private volatile LiveLoop? _loop;
    private Core.Cluster.Master? _master;
    private LoopClock? _clock;

    public SchedulerApiOptions Options => options;

    /// <summary>True for a task of a framework that the master may learn of from an agent that has not
    /// re-registered since a master failover (on the loop); null: none ever is.</summary>
    public Func<FrameworkId, TaskId, bool>? Unsettled { get; set; }

    /// <summary>Connects the API to the master; on the loop thread.</summary>
    public void Attach(LiveLoop loop, Core.Cluster.Master master)
    {
        _master = master;
        _clock = new LoopClock(loop, loop.TimeScale);
        master.AddListener(this);
        _loop = loop;
    }

    /// <summary>
    /// The master this API served has stepped down (its loop is stopped): every framework's stream ends, so that
    /// its driver subscribes again with its id to whichever master leads next, and nothing of the old master
    /// is kept. Call once the old loop no longer runs.
    /// </summary>
    public void Detach()
    {
        _loop = null;
        _master = null;
        foreach (var subscriber in _subscribers.Values)
            if (subscriber.Stream is { } stream) subscriber.Disconnect(stream);
        _subscribers.Clear();
        _agentNames.Clear();
    }

    public void Map(WebApplication app) => app.MapPost("/api/v1/scheduler", HandleAsync);

    /// <summary>The principal a framework subscribed as (on the loop thread), for /state.</summary>
    public string? PrincipalOf(FrameworkId framework) =>
        _subscribers.TryGetValue(framework, out var s) ? s.Principal.Name : null;

    void IMasterListener.AgentAdded(AgentId agent, AgentInfo info) => _agentNames[agent.Value] = info.Name;

    void IMasterListener.AgentRemoved(AgentId agent, AgentInfo info)
    {
        foreach (var subscriber in _subscribers.Values) subscriber.Send(SchedulerEvents.Failure(info.Name));
    }

    void IMasterListener.FrameworkRemoved(FrameworkId framework, FrameworkInfo info)
    {
        if (!_subscribers.Remove(framework, out var subscriber)) return;
        if (subscriber.FailoverTimer != TimerId.None) _loop?.Cancel(subscriber.FailoverTimer);
        if (subscriber.Stream is { } stream)
        {
            subscriber.Send(SchedulerEvents.Error("framework removed"));
            subscriber.Disconnect(stream);
        }
    }

    private string? AgentName(AgentId agent) => _agentNames.GetValueOrDefault(agent.Value);

    /// <summary>Wall nanoseconds of a loop instant (inverse offers and offers state windows in wall time).</summary>
    private long UnixNanos(Core.Timing.Time at) => _clock?.UnixNanos(at) ?? 0;

    private async Task HandleAsync(HttpContext context)
    {
        var principal = RequestAuthentication.PrincipalOf(context);
        if (!principal.IsFramework)
        {
            await Write(context, RequestAuthentication.Forbidden(principal, "use the scheduler API (it has no roles)"));
            return;
        }
        var loop = _loop;
        if (loop == null)
        {
            await Write(context, Results.Text("503: the master is not ready yet\n", statusCode: StatusCodes.Status503ServiceUnavailable));
            return;
        }
        JsonDocument? read;
        try
        {
            read = await ReadBodyAsync(context);
        }
        catch (SchedulerCallException e)
        {
            await Write(context, BadRequest(e));
            return;
        }
        if (read is not { } document)
        {
            await Write(context, Results.Text($"413: body: larger than the limit of {options.MaxBodyBytes} bytes\n", statusCode: StatusCodes.Status413PayloadTooLarge));
            return;
        }
        using (document)
        {
            var call = document.RootElement;
            string type;
            try
            {
                type = MesosJson.RequiredString(call, "type", "");
            }
            catch (SchedulerCallException e)
            {
                await Write(context, BadRequest(e));
                return;
            }
            if (type == "SUBSCRIBE")
            {
                await SubscribeAsync(context, principal, call, loop);
                return;
            }
            IResult result;
            try
            {
                var action = Parse(type, call);
                var framework = FrameworkIdOf(call);
                var streamId = context.Request.Headers[StreamIdHeader].ToString();
                result = await loop.InvokeAsync(() => Carry(principal, framework, streamId, type, action));
            }
            catch (SchedulerCallException e)
            {
                result = BadRequest(e);
            }
            await Write(context, result);
        }
    }

    /// <summary>The call's JSON; null when the body is larger than <see cref="SchedulerApiOptions.MaxBodyBytes"/>.</summary>
    private async Task<JsonDocument?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > options.MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > options.MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            throw new SchedulerCallException("body", $"expected a JSON object: {e.Message}");
        }
    }

    private static FrameworkId FrameworkIdOf(JsonElement call)
    {
        if (call.ValueKind != JsonValueKind.Object) throw new SchedulerCallException("body", "expected a JSON object");
        var text = MesosJson.RequiredId(call, "framework_id", "");
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new FrameworkId(id)
            : throw new SchedulerCallException("framework_id.value", $"expected a framework id this master gave, found '{text}'");
    }

    // ---- SUBSCRIBE ---------------------------------------------------------------------------------

    private async Task SubscribeAsync(HttpContext context, Principal principal, JsonElement call, LiveLoop loop)
    {
        FrameworkInfo info;
        TimeSpan? failover;
        int? previous;
        List<string> suppressed;
        try
        {
            (info, failover, previous, suppressed) = ReadSubscribe(call, principal);
        }
        catch (SchedulerCallException e)
        {
            await Write(context, BadRequest(e));
            return;
        }
        if (info.Roles.FirstOrDefault(r => !principal.MayUseRole(r)) is { } forbidden)
        {
            await Write(context, RequestAuthentication.Forbidden(principal, $"subscribe frameworks under role '{forbidden}'"));
            return;
        }
        var streamId = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var (channel, subscriber, refusal) = await loop.InvokeAsync(() => Admit(principal, info, failover, previous, suppressed, streamId));
        if (refusal != null || channel == null || subscriber == null)
        {
            await Write(context, refusal!);
            return;
        }
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/x-ndjson";
        response.Headers[StreamIdHeader] = streamId;
        response.Headers.CacheControl = "no-cache";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var beats = BeatAsync(channel, subscriber, loop, stop.Token);
        try
        {
            await foreach (var line in channel.Reader.ReadAllAsync(stop.Token))
            {
                await response.WriteAsync(line, stop.Token);
                // Whatever else is queued goes out with it, in one flush. (ChannelReader.Count is not
                // supported by a single-reader unbounded channel: it threw after the first event.)
                while (channel.Reader.TryRead(out var next)) await response.WriteAsync(next, stop.Token);
                await response.Body.FlushAsync(stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client went away: it costs the master its subscription's stream, nothing more.
        }

        finally
        {
            await stop.CancelAsync();
            await beats;
            loop.Post(() => Disconnected(subscriber, channel));
        }
    }

    /// <summary>On the loop: a new framework joins, or a known one comes back with its id.</summary>
    private (Channel<string>? Channel, Subscriber? Subscriber, IResult? Refusal) Admit(Principal principal, FrameworkInfo info,
        TimeSpan? failover, int? previous, IReadOnlyCollection<string> suppressed, string streamId)
    {
        var master = _master!;
        double heartbeat = options.HeartbeatInterval.TotalSeconds;
        if (previous is { } id)
        {
            if (!_subscribers.TryGetValue(new FrameworkId(id), out var known))
                return (null, null, BadRequest(new SchedulerCallException("subscribe.framework_info.id",
                    $"no framework {id} is subscribed here (it may have been removed after its failover timeout); subscribe without an id")));
            if (known.Principal.Name != principal.Name)
                return (null, null, RequestAuthentication.Forbidden(principal, $"take over framework {id} of principal '{known.Principal.Name}'"));
            if (known.FailoverTimer != TimerId.None)
            {
                _loop!.Cancel(known.FailoverTimer);
                known.FailoverTimer = TimerId.None;
            }
            // A re-subscription may change the roles (Mesos's Master::subscribe updates the framework with the
            // FrameworkInfo it brings, as UPDATE_FRAMEWORK does); one that keeps them keeps its suppression.
            if (!known.Info.Roles.SequenceEqual(info.Roles) || !known.Info.Capabilities.SetEquals(info.Capabilities))
            {
                try
                {
                    master.UpdateFramework(known.Id, info, suppressed);
                }
                catch (InvalidOperationException e)
                {
                    return (null, null, Results.Text($"409: subscribe.framework_info.roles: {e.Message}\n", statusCode: StatusCodes.Status409Conflict));
                }
                known.Info = info;
            }
            else if (suppressed.Count > 0) master.Suppress(known.Id, suppressed);
            if (failover is { } f) known.FailoverTimeout = f;
            var stream = known.Connect(streamId, heartbeat);
            master.ActivateFramework(known.Id);
            options.Log($"framework {info.Name} ({known.Id.Value}) re-subscribed as {principal.Name}; its tasks stay");
            return (stream, known, null);
        }
        if (master.TryFindFramework(info.Name, out _))
            return (null, null, Results.Text($"409: subscribe.framework_info.name: a framework named '{info.Name}' is already subscribed; re-subscribe with its id or choose another name\n",
                statusCode: StatusCodes.Status409Conflict));
        var subscriber = new Subscriber(info, principal, failover ?? options.DefaultFailoverTimeout, AgentName, UnixNanos);
        subscriber.Id = master.AddFramework(info, subscriber);
        // Before the allocation its subscription set off (batched at this instant) runs: it is offered
        // nothing in the roles it subscribes suppressed in (SUBSCRIBE's suppressed_roles).
        if (suppressed.Count > 0) master.Suppress(subscriber.Id, suppressed);
        _subscribers[subscriber.Id] = subscriber;
        options.Log($"framework {info.Name} ({subscriber.Id.Value}) subscribed as {principal.Name} in role{(info.Roles.Count > 1 ? "s" : "")} {string.Join(", ", info.Roles)}");
        return (subscriber.Connect(streamId, heartbeat), subscriber, null);
    }

    /// <summary>On the loop: the framework's stream ended. Its offers go back and it gets no more; its tasks
    /// keep running for its failover timeout, after which it is removed and they are killed.</summary>
    private void Disconnected(Subscriber subscriber, Channel<string> stream)
    {
        if (!subscriber.Disconnect(stream) || !_subscribers.ContainsKey(subscriber.Id)) return;
        _master!.DeactivateFramework(subscriber.Id);
        options.Log($"framework {subscriber.Info.Name} ({subscriber.Id.Value}) disconnected; removed in {subscriber.FailoverTimeout.TotalSeconds:0.#} s unless it re-subscribes");
        ArmFailover(subscriber);
    }

    /// <summary>
    /// On the loop, after a master failover: a framework the registry names comes back under its id,
    /// disconnected, as though its stream had just ended. It has its failover timeout, counted from now, to
    /// subscribe again with its id (Mesos counts a recovered framework's failover timeout from the master's
    /// recovery, src/master/master.cpp, Master::recoverFramework); after that it is removed and its tasks killed.
    /// </summary>
    public void Readmit(FrameworkId id, FrameworkInfo info, Principal principal, TimeSpan failoverTimeout)
    {
        var subscriber = new Subscriber(info, principal, failoverTimeout, AgentName, UnixNanos) { Id = id };
        _master!.ReadmitFramework(id, info, subscriber);
        _subscribers[id] = subscriber;
        ArmFailover(subscriber);
    }

    /// <summary>The failover timeout a framework stated (or the default), for the registry (on the loop).</summary>
    public TimeSpan? FailoverTimeoutOf(FrameworkId framework) =>
        _subscribers.TryGetValue(framework, out var s) ? s.FailoverTimeout : null;

    private void ArmFailover(Subscriber subscriber)
    {
        var master = _master!;
        var loop = _loop!;
        var timeout = Duration.FromSeconds(subscriber.FailoverTimeout.TotalSeconds * loop.TimeScale);
        subscriber.FailoverTimer = loop.After(timeout, () =>
        {
            subscriber.FailoverTimer = TimerId.None;
            if (subscriber.Stream != null || !master.IsRegistered(subscriber.Id)) return;
            options.Log($"framework {subscriber.Info.Name} ({subscriber.Id.Value}) did not come back within its failover timeout; removing it and killing its tasks");
            master.RemoveFramework(subscriber.Id);
        });
    }

    /// <summary>Heartbeats on the stream, and unacknowledged updates sent again, until the stream ends. Two
    /// timers: one shared tick of the shorter period spaced heartbeats by a multiple of it (20 s, not 15).</summary>
    private Task BeatAsync(Channel<string> channel, Subscriber subscriber, LiveLoop loop, CancellationToken token) =>
        Task.WhenAll(
            EveryAsync(options.HeartbeatInterval, () => channel.Writer.TryWrite(SchedulerEvents.Heartbeat), token),
            EveryAsync(options.StatusRetryInterval, () => loop.Post(() => subscriber.ResendOlderThan(options.StatusRetryInterval)), token));

    private static async Task EveryAsync(TimeSpan period, Action action, CancellationToken token)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(token)) action();
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static (FrameworkInfo Info, TimeSpan? Failover, int? Id, List<string> Suppressed) ReadSubscribe(JsonElement call, Principal principal)
    {
        if (!call.TryGetProperty("subscribe", out var subscribe) || subscribe.ValueKind != JsonValueKind.Object)
            throw new SchedulerCallException("subscribe", "expected an object with framework_info");
        if (!subscribe.TryGetProperty("framework_info", out var info) || info.ValueKind != JsonValueKind.Object)
            throw new SchedulerCallException("subscribe.framework_info", "expected an object with name and role (or roles)");
        var (read, failover, id) = FrameworkInfoReader.Read(info, "subscribe.framework_info", principal);
        var suppressed = SuppressedRoles(subscribe, "subscribe", read);
        return (read, failover, id, suppressed);
    }

    /// <summary>suppressed_roles of SUBSCRIBE or UPDATE_FRAMEWORK: a subset of the framework's roles
    /// (Mesos's createAllocatorFrameworkOptions refuses others).</summary>
    private static List<string> SuppressedRoles(JsonElement section, string at, FrameworkInfo info)
    {
        var suppressed = FrameworkInfoReader.RoleList(section, "suppressed_roles", at);
        for (int i = 0; i < suppressed.Count; i++)
            if (!info.Roles.Contains(suppressed[i]))
                throw new SchedulerCallException($"{at}.suppressed_roles[{i}]", $"role '{suppressed[i]}' is not one of the framework's roles");
        return suppressed;
    }

    // ---- the other calls ---------------------------------------------------------------------------

    /// <summary>Parses a call off the loop (so a malformed one never reaches it) into what to do on it.</summary>
    private Func<Core.Cluster.Master, Subscriber, IResult> Parse(string type, JsonElement call)
    {
        switch (type)
        {
            case "TEARDOWN":
                return (master, s) =>
                {
                    options.Log($"framework {s.Info.Name} ({s.Id.Value}) tore itself down");
                    master.RemoveFramework(s.Id);
                    return Results.Accepted();
                };
            case "REVIVE":
            case "SUPPRESS":
                {
                    // Both may name some of the framework's roles (none: all of them); a role it is not
                    // subscribed to drops the call (src/master/master.cpp, Master::suppress and Master::revive).
                    var at = type.ToLowerInvariant();
                    var roles = FrameworkInfoReader.RoleList(Section(call, at, required: false), "roles", at);
                    return (master, s) =>
                    {
                        for (int i = 0; i < roles.Count; i++)
                            if (!s.Info.Roles.Contains(roles[i]))
                                return BadRequest(new SchedulerCallException($"{at}.roles[{i}]", $"role '{roles[i]}' is not one of the framework's subscribed roles"));
                        return Done(() =>
                        {
                            if (type == "REVIVE") master.Revive(s.Id, roles);
                            else master.Suppress(s.Id, roles);
                        });
                    };
                }
            case "UPDATE_FRAMEWORK":
                return UpdateFramework(call);
            case "ACCEPT_INVERSE_OFFERS":
            case "DECLINE_INVERSE_OFFERS":
                {
                    // scheduler.proto AcceptInverseOffers / DeclineInverseOffers; src/master/master.cpp,
                    // Master::acceptInverseOffers: inverse offers that are not outstanding are ignored.
                    var at = type.ToLowerInvariant();
                    var body = Section(call, at);
                    var offers = OfferIds(body, at, "inverse_offer_ids");
                    var filter = MesosJson.ReadFilters(body, at);
                    bool accept = type == "ACCEPT_INVERSE_OFFERS";
                    return (master, s) => Done(() =>
                    {
                        if (accept) master.AcceptInverseOffers(s.Id, offers, filter);
                        else master.DeclineInverseOffers(s.Id, offers, filter);
                    });
                }
            case "DECLINE":
                {
                    var body = Section(call, "decline");
                    var offers = OfferIds(body, "decline");
                    var filter = MesosJson.ReadFilters(body, "decline");
                    return (master, s) => Done(() => master.Decline(s.Id, offers, filter));
                }
            case "ACCEPT":
                {
                    var body = Section(call, "accept");
                    var offers = OfferIds(body, "accept");
                    var filter = MesosJson.ReadFilters(body, "accept");
                    var (tasks, operations, roles, revocable) = Operations(body);
                    return (master, s) => AllocationRoleProblem(master, s, offers, roles, revocable) is { } problem
                        ? BadRequest(problem)
                        : Done(() => master.Accept(s.Id, offers, tasks, filter, operations));
                }
            case "KILL":
                {
                    var body = Section(call, "kill");
                    var task = new TaskId(MesosJson.RequiredId(body, "task_id", "kill"));
                    return (master, s) =>
                    {
                        // Mesos answers a kill of a task it does not know with TASK_LOST.
                        if (!master.KillTask(s.Id, task))
                            s.StatusUpdate(new StatusUpdate(s.Id, task, new AgentId(-1), TaskState.Lost, master.Loop.Now, "kill: the master knows no live task with this id"));
                        return Results.Accepted();
                    };
                }
            case "ACKNOWLEDGE":
                {
                    var body = Section(call, "acknowledge");
                    MesosJson.RequiredId(body, "task_id", "acknowledge");
                    var uuid = MesosJson.RequiredString(body, "uuid", "acknowledge");
                    // Mesos accepts an acknowledgement of an update that is no longer waiting (already acknowledged,
                    // or a resent copy) and ignores it: src/master/http.cpp answers 202 for every ACKNOWLEDGE and
                    // Master::acknowledge (master.cpp) only logs "Ignoring status update acknowledgement".
                    // The master forgets an ended task once its terminal update is acknowledged (Master::acknowledge).
                    return (master, s) =>
                    {
                        if (s.Acknowledge(uuid) is { } update) master.Acknowledge(s.Id, update);
                        return Results.Accepted();
                    };
                }
            case "RECONCILE":
                {
                    var body = Section(call, "reconcile", required: false);
                    var tasks = new List<TaskId>();
                    var agents = new List<string?>();
                    if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("tasks", out var list))
                    {
                        if (list.ValueKind != JsonValueKind.Array) throw new SchedulerCallException("reconcile.tasks", "expected a list of {\"task_id\": {\"value\": ...}}");
                        int i = 0;
                        foreach (var item in list.EnumerateArray())
                        {
                            var at = $"reconcile.tasks[{i++}]";
                            tasks.Add(new TaskId(MesosJson.RequiredId(item, "task_id", at)));
                            // The optional agent (Call.Reconcile.Task.agent_id) decides the answer for an unknown task.
                            agents.Add(item.TryGetProperty("agent_id", out _) ? MesosJson.RequiredId(item, "agent_id", at) : null);
                        }
                    }
                    return (master, s) =>
                    {
                        // A task the master does not know yet because its agent has not re-registered since a
                        // master failover gets no answer (Mesos's Master::_reconcileTasks: "the agent is
                        // recovering"); the agent's re-registration or its timeout settles it.
                        var settled = tasks.Select((t, i) => new ReconcileTask(t, agents[i] is { } a ? master.LastIdOf(a) : null))
                            .Where(t => Unsettled?.Invoke(s.Id, t.Task) != true).ToList();
                        if (tasks.Count > 0 && settled.Count == 0) return Results.Accepted();
                        return Done(() => master.Reconcile(s.Id, settled));
                    };
                }
            default:
                throw new SchedulerCallException("type", $"expected one of SUBSCRIBE, ACCEPT, DECLINE, REVIVE, SUPPRESS, KILL, ACKNOWLEDGE, RECONCILE, TEARDOWN, UPDATE_FRAMEWORK, ACCEPT_INVERSE_OFFERS, DECLINE_INVERSE_OFFERS, found '{type}'");
        }
    }

    /// <summary>On the loop: checks that the caller owns the framework and the stream, then does the call.</summary>
    private IResult Carry(Principal principal, FrameworkId framework, string streamId, string type, Func<Core.Cluster.Master, Subscriber, IResult> action)
    {
        if (!_subscribers.TryGetValue(framework, out var subscriber))
            return Results.Text($"404: framework_id: no framework {framework.Value} is subscribed here\n", statusCode: StatusCodes.Status404NotFound);
        if (subscriber.Principal.Name != principal.Name)
            return RequestAuthentication.Forbidden(principal, $"call {type} for framework {framework.Value} of principal '{subscriber.Principal.Name}'");
        if (subscriber.Stream == null || streamId != subscriber.StreamId)
            return BadRequest(new SchedulerCallException(StreamIdHeader, "expected the Mesos-Stream-Id header of the framework's current subscription"));
        try
        {
            return action(_master!, subscriber);
        }
        catch (InvalidOperationException e)
        {
            // The master refused (e.g. an operation the allocator cannot carry out): the caller hears why,
            // and the master goes on.
            return Results.Text($"409: {type}: {e.Message}\n", statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static IResult Done(Action action)
    {
        action();
        return Results.Accepted();
    }

    private static JsonElement Section(JsonElement call, string name, bool required = true)
    {
        if (call.TryGetProperty(name, out var section) && section.ValueKind == JsonValueKind.Object) return section;
        if (!required && !call.TryGetProperty(name, out _)) return default;
        throw new SchedulerCallException(name, "expected an object");
    }

    /// <summary>The named field, or an undefined element (which the readers reject naming the field).</summary>
    private static JsonElement Field(JsonElement section, string name) =>
        section.TryGetProperty(name, out var value) ? value : default;

    private static OfferId[] OfferIds(JsonElement body, string at, string name = "offer_ids")
    {
        if (!body.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            throw new SchedulerCallException($"{at}.{name}", "expected a non-empty list of {\"value\": \"OFFER\"}");
        var ids = new List<OfferId>();
        int i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var field = $"{at}.{name}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object) throw new SchedulerCallException(field, "expected {\"value\": \"OFFER\"}");
            var text = MesosJson.RequiredString(item, "value", field);
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                throw new SchedulerCallException($"{field}.value", $"expected an offer id this master gave, found '{text}'");
            ids.Add(new OfferId(id));
        }
        return ids.ToArray();
    }

    private static (List<TaskSpec> Tasks, List<OfferOperation> Operations, List<(string Field, string Role)> Roles, List<(string Field, bool Revocable)> Revocable)
        Operations(JsonElement accept)
    {
        var tasks = new List<TaskSpec>();
        var operations = new List<OfferOperation>();
        var roles = new List<(string, string)>();
        var revocable = new List<(string, bool)>();
        if (!accept.TryGetProperty("operations", out var list)) return (tasks, operations, roles, revocable);
        if (list.ValueKind != JsonValueKind.Array) throw new SchedulerCallException("accept.operations", "expected a list of operations");
        int i = 0;
        foreach (var op in list.EnumerateArray())
        {
            var at = $"accept.operations[{i++}]";
            var type = MesosJson.RequiredString(op, "type", at);
            switch (type)
            {
                case "LAUNCH":
                    {
                        var launch = Section(op, "launch");
                        if (!launch.TryGetProperty("task_infos", out var infos) || infos.ValueKind != JsonValueKind.Array)
                            throw new SchedulerCallException($"{at}.launch.task_infos", "expected a list of tasks");
                        int k = 0;
                        foreach (var info in infos.EnumerateArray())
                        {
                            var field = $"{at}.launch.task_infos[{k++}]";
                            tasks.Add(TaskInfo(info, field));
                            roles.AddRange(AllocationRoles(info.GetProperty("resources"), $"{field}.resources"));
                            if (MesosJson.ReadRevocable(info.GetProperty("resources"), $"{field}.resources") is { } marked)
                                revocable.Add(($"{field}.resources", marked));
                        }
                        break;
                    }
                case "RESERVE":
                    operations.Add(OfferOperation.Reserve(MesosJson.ReadResources(Field(Section(op, "reserve"), "resources"), $"{at}.reserve.resources")));
                    break;
                case "UNRESERVE":
                    operations.Add(OfferOperation.Unreserve(MesosJson.ReadResources(Field(Section(op, "unreserve"), "resources"), $"{at}.unreserve.resources")));
                    break;
                default:
                    throw new SchedulerCallException($"{at}.type", $"expected LAUNCH, RESERVE or UNRESERVE, found '{type}'");
            }
        }
        return (tasks, operations, roles, revocable);
    }

    /// <summary>The allocation_info.role each resource states, with its field (absent: none stated).</summary>
    private static IEnumerable<(string Field, string Role)> AllocationRoles(JsonElement resources, string at)
    {
        int i = 0;
        foreach (var resource in resources.EnumerateArray())
        {
            var field = $"{at}[{i++}].allocation_info";
            if (!resource.TryGetProperty("allocation_info", out var info)) continue;
            yield return ($"{field}.role", MesosJson.RequiredString(info, "role", field));
        }
    }

    /// <summary>
    /// On the loop: task resources that state an allocation role must state the offers' role. Mesos injects
    /// the offer's allocation_info into operations that leave it out (src/master/master.cpp, Master::accept:
    /// "inject the offer's allocation info into the operation's resources if the scheduler has not done so
    /// already"), so only a different role is wrong. A revocable offer is shown allocated to the framework's
    /// role, and tasks on it must mark their resources revocable (and tasks on a regular offer must not): Mesos
    /// checks a task's resources are contained in the offer's, and revocable resources are distinct from
    /// regular ones (src/common/resources.cpp: addable and subtractable, hence contains, compare RevocableInfo). Offers no longer
    /// outstanding are the master's to report.
    /// </summary>
    private static SchedulerCallException? AllocationRoleProblem(Core.Cluster.Master master, Subscriber s, OfferId[] offers,
        List<(string Field, string Role)> roles, List<(string Field, bool Revocable)> revocable)
    {
        if (roles.Count == 0 && revocable.Count == 0) return null;
        var offer = master.OutstandingOffers(s.Id).FirstOrDefault(o => offers.Contains(o.Id));
        if (offer == null) return null;
        var shown = SchedulerEvents.ShownRole(offer, s.Info.Role);
        foreach (var (field, role) in roles)
            if (role != shown)
                return new SchedulerCallException(field, $"expected the offers' allocation role '{shown}', found '{role}'");
        bool offered = Core.Oversubscription.RevocableResources.IsRevocable(offer);
        foreach (var (field, marked) in revocable)
            if (marked != offered)
                return new SchedulerCallException(field, offered
                    ? "expected revocable resources (\"revocable\": {} on each): the offer's resources are revocable"
                    : "expected resources without \"revocable\": the offer's resources are not revocable");
        return null;
    }

    /// <summary>
    /// UPDATE_FRAMEWORK (scheduler.proto Call.UpdateFramework; src/master/master.cpp, Master::updateFramework):
    /// the framework's roles, capabilities, failover timeout and suppressed roles change without a new
    /// subscription (minimum allocatable resources stay as they were: offer_filters is not read). Its id must
    /// be the call's (src/master/validation.cpp), its principal cannot change, and it needs permission for
    /// every role. What the master refuses (leaving a role with live tasks, a new name) is a 409.
    /// </summary>
    private Func<Core.Cluster.Master, Subscriber, IResult> UpdateFramework(JsonElement call)
    {
        var body = Section(call, "update_framework");
        if (!body.TryGetProperty("framework_info", out var json) || json.ValueKind != JsonValueKind.Object)
            throw new SchedulerCallException("update_framework.framework_info", "expected an object with name and role (or roles)");
        var callId = FrameworkIdOf(call);
        return (master, s) =>
        {
            FrameworkInfo info;
            List<string> suppressed;
            TimeSpan? failover;
            try
            {
                (var read, failover, var id) = FrameworkInfoReader.Read(json, "update_framework.framework_info", s.Principal);
                if (id != callId.Value)
                    throw new SchedulerCallException("update_framework.framework_info.id", $"expected the call's framework_id '{callId.Value}'");
                suppressed = SuppressedRoles(body, "update_framework", read);
                info = read;
            }
            catch (SchedulerCallException e)
            {
                return BadRequest(e);
            }
            if (info.Roles.FirstOrDefault(r => !s.Principal.MayUseRole(r)) is { } forbidden)
                return RequestAuthentication.Forbidden(s.Principal, $"subscribe frameworks under role '{forbidden}'");
            // The FrameworkInfo replaces the old one whole (src/master/framework.cpp, Framework::update), so a
            // failover timeout it states takes effect; one it leaves out keeps the one in force, as a
            // re-subscription without it does here.
            master.UpdateFramework(s.Id, info with { MinAllocatable = s.Info.MinAllocatable }, suppressed);
            if (failover is { } timeout) s.FailoverTimeout = timeout;
            s.Info = info;
            options.Log($"framework {info.Name} ({s.Id.Value}) updated: role{(info.Roles.Count > 1 ? "s" : "")} {string.Join(", ", info.Roles)}, failover timeout {s.FailoverTimeout.TotalSeconds:0.###} s");
            return Results.Accepted();
        };
    }

    /// <summary>A TaskInfo: id, resources, what to run (command.value through sh -c, in
    /// container.docker.image or the agents' default image) and, our addition, how long a task with no
    /// command burns its cpus (duration_seconds; absent: until killed).</summary>
    private static TaskSpec TaskInfo(JsonElement info, string at)
    {
        if (info.ValueKind != JsonValueKind.Object) throw new SchedulerCallException(at, "expected a task object");
        var id = MesosJson.RequiredId(info, "task_id", at);
        if (id.Length > 200 || id.Contains('/') && id.Contains(".."))
            throw new SchedulerCallException($"{at}.task_id.value", "expected at most 200 characters");
        if (!info.TryGetProperty("resources", out var resources)) throw new SchedulerCallException($"{at}.resources", "expected a list of resources");
        var need = MesosJson.ReadResources(resources, $"{at}.resources");
        var duration = Duration.Forever;
        if (info.TryGetProperty("duration_seconds", out var seconds))
        {
            if (seconds.ValueKind != JsonValueKind.Number || seconds.GetDouble() < 0 || seconds.GetDouble() > 365 * 86400.0)
                throw new SchedulerCallException($"{at}.duration_seconds", "expected a number of seconds from 0 to a year");
            duration = Duration.FromSeconds(seconds.GetDouble());
        }
        string image = ClusterSim.RealAgent.Master.RemoteAgentLink.DefaultImage;
        if (info.TryGetProperty("container", out var container))
        {
            if (container.ValueKind != JsonValueKind.Object || !container.TryGetProperty("docker", out var docker))
                throw new SchedulerCallException($"{at}.container", "expected {\"type\": \"DOCKER\", \"docker\": {\"image\": ...}}");
            image = MesosJson.RequiredString(docker, "image", $"{at}.container.docker");
        }
        IReadOnlyList<string>? command = null;
        if (info.TryGetProperty("command", out var commandInfo))
            command = ["sh", "-c", MesosJson.RequiredString(commandInfo, "value", $"{at}.command")];
        return new TaskSpec(new TaskId(id), need, duration)
        {
            Container = command == null && image == ClusterSim.RealAgent.Master.RemoteAgentLink.DefaultImage ? null : new ContainerSpec(image, command ?? []),
        };
    }

    private static IResult BadRequest(SchedulerCallException e) =>
        Results.Text($"{e.Status}: {e.Field}: {e.Message[(e.Field.Length + 2)..]}\n", statusCode: e.Status);

    private static Task Write(HttpContext context, IResult result) => result.ExecuteAsync(context);
}
