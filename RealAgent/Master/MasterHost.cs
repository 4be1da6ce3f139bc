using System.Diagnostics;
using System.Net.Http.Headers;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Oversubscription;
using ClusterSim.Core.Resources;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using ClusterSim.RealAgent.Live;
using ClusterSim.RealAgent.Master.Registry;
using ClusterSim.RealAgent.Master.Web;
using ClusterSim.RealAgent.Protocol;
using ClusterSim.RealAgent.Scheduler;
using ClusterSim.RealAgent.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ClusterSim.RealAgent.Master;

/// <summary>
/// The master's HTTP face. Agents register, heartbeat and report task status here; operators read /state
/// (JSON) and the web UI (WebUi: a sign-in form, then an overview that refreshes itself). Every handler hands
/// its work to the live loop and waits for the answer, so the master only ever runs on the loop thread. Agents that register before the run has
/// built its master wait in a lobby and join the master the moment it is attached, so the run's clock
/// starts when its work does, not when the first agent shows up.
/// </summary>
public sealed class MasterHost : IAsyncDisposable
{
    private readonly MasterHostOptions _options;
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, RemoteAgent> _agents = new(StringComparer.Ordinal);
    private readonly HttpClient _http;
    private readonly RequestAuthentication _auth;
    private readonly SchedulerApi _scheduler;
    private readonly MaintenanceApi _maintenance;
    private WebApplication? _app;
    private Timer? _reaper;
    private LiveLoop? _loop;
    private Core.Cluster.Master? _master;
    private TaskBoard? _board;
    private RegistryRecorder? _registry;
    // Agents the registry named that have not re-registered with this leader yet (loop thread only).
    private readonly Dictionary<string, RecoveringAgent> _recovering = new(StringComparer.Ordinal);
    // Agents that missed their heartbeats, with the tasks they ran then and their oversubscribed total (loop thread only).
    private readonly Dictionary<string, UnreachableAgent> _unreachable = new(StringComparer.Ordinal);

    private sealed record UnreachableAgent(IReadOnlyList<(FrameworkId Framework, TaskId Task, bool PartitionAware)> Tasks, Core.Resources.Resources Oversubscribed);

    public MasterHost(MasterHostOptions options)
    {
        _options = options;
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var acl = options.Acl ?? (options.Token is { } token
            ? AccessControlList.FromToken(token)
            : throw new ArgumentException("the master needs an ACL or a token", nameof(options)));
        _auth = new RequestAuthentication(acl, new WebSessions(), options.Token);
        _scheduler = new SchedulerApi(new SchedulerApiOptions
        {
            HeartbeatInterval = options.HeartbeatInterval,
            DefaultFailoverTimeout = options.FrameworkFailoverTimeout,
            Log = options.Log,
        });
        _maintenance = new MaintenanceApi(Attached, options.Log, () => _registry);
    }

    /// <summary>The scheduler API frameworks subscribe through.</summary>
    public SchedulerApi Scheduler => _scheduler;

    /// <summary>The address Kestrel bound (the real port when the listen URL asked for port 0).</summary>
    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    /// <summary>
    /// The agents' measured wall time from a launch request to the container's start, over every task
    /// started: (sum of seconds, tasks). What the container runtime adds to each start delay on this cluster.
    /// </summary>
    public (double Seconds, int Tasks) ContainerStarts
    {
        get { lock (_lock) return _containerStarts; }
    }

    private (double Seconds, int Tasks) _containerStarts;

    /// <summary>Agents registered now (in the lobby or with the master).</summary>
    public int AgentCount
    {
        get { lock (_lock) return _agents.Count; }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var app = EmbeddedServer.Build(_options.Listen, _auth);
        app.Use(FollowTheLeader);
        app.MapPost("/api/agents/register", (HttpContext c, AgentRegistration? r) => AsAgent(c, "register agents", () => RegisterAsync(c, r)));
        app.MapPost("/api/agents/{name}/heartbeat", (HttpContext c, string name) => AsAgent(c, "heartbeat as an agent", () => Task.FromResult(Heartbeat(name))));
        app.MapGet("/api/agents/{name}/watch", (HttpContext c, string name) => AsAgent(c, "watch the master as an agent", () => WatchAsync(c)));
        app.MapPost("/api/agents/{name}/oversubscribed", (HttpContext c, string name, OversubscribedReport? r) => AsAgent(c, "report oversubscribed resources as an agent", () => OversubscribedAsync(name, r)));
        app.MapPost("/api/agents/{name}/status", (HttpContext c, string name, TaskStatusReport? r) => AsAgent(c, "report task status as an agent", () => StatusAsync(name, r)));
        _scheduler.Map(app);
        new OperatorApi(Attached, _options.Log, () => _registry).Map(app);
        _maintenance.Map(app);
        app.MapGet("/state", async () => Results.Json(await StateAsync(), ProtocolJson.Options));
        WebUi.Map(app, _auth, StateAsync);
        Address = await EmbeddedServer.StartAsync(app, _options.Listen, cancellationToken);
        _app = app;
        var period = TimeSpan.FromMilliseconds(Math.Min(1000, _options.HeartbeatInterval.TotalMilliseconds));
        _reaper = new Timer(_ => RemoveSilentAgents(), null, period, period);
    }

    /// <summary>
    /// Connects the host to the run's master; call on the loop thread. Agents waiting in the lobby are added
    /// to the master in name order.
    /// </summary>
    public void Attach(LiveLoop loop, Core.Cluster.Master master)
    {
        if (!loop.IsLoopThread) throw new InvalidOperationException("MasterHost.Attach must run on the loop thread");
        _board = new TaskBoard(_options.Log);
        master.AddListener(_board);
        _scheduler.Attach(loop, master);
        KeyValuePair<string, RemoteAgent>[] waiting;
        lock (_lock)
        {
            _loop = loop;
            _master = master;
            waiting = _agents.ToArray();
        }
        foreach (var (name, agent) in waiting)
        {
            agent.Link = new RemoteAgentLink(name, agent.Url, loop, master, _http, CredentialsFor(agent.Principal)) { Usage = TaskUsage };
            master.AddAgent(agent.Info, agent.Link);
        }
    }

    /// <summary>
    /// Lets go of the master after it stepped down (its loop already stopped): agents and frameworks are
    /// forgotten here and find the next leader themselves (their next heartbeat or call is redirected or
    /// refused). The HTTP server keeps answering: 503 or 307, as <see cref="Leading"/> and <see cref="Leader"/> say.
    /// </summary>
    public void Detach()
    {
        RemoteAgent[] agents;
        lock (_lock)
        {
            _loop = null;
            _master = null;
            _board = null;
            _registry = null;
            agents = _agents.Values.ToArray();
            _agents.Clear();
            _leadership.Cancel();
            _leadership = new CancellationTokenSource();
        }
        _recovering.Clear();
        _unreachable.Clear();
        foreach (var agent in agents) agent.Link?.Dispose();
        _scheduler.Detach();
    }

    /// <summary>Waits until at least <paramref name="count"/> agents are registered; false on timeout.</summary>
    public async Task<bool> WaitForAgentsAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (AgentCount < count)
        {
            if (deadline.Elapsed >= timeout) return false;
            await Task.Delay(100, cancellationToken);
        }
        return true;
    }

    // ---- agents -------------------------------------------------------------------------------------

    private (LiveLoop, Core.Cluster.Master)? Attached()
    {
        lock (_lock) return _loop != null && _master != null ? (_loop, _master) : null;
    }

    /// <summary>Agent endpoints are for principals with <c>agent: true</c> only (403 for a framework's
    /// credential).</summary>
    private static async Task<IResult> AsAgent(HttpContext context, string what, Func<Task<IResult>> handle)
    {
        var principal = RequestAuthentication.PrincipalOf(context);
        return principal.Agent ? await handle() : RequestAuthentication.Forbidden(principal, what);
    }

    /// <summary>How the master authenticates to an agent: as the principal the agent registered with (its
    /// secret is in the ACL), or with the shared token.</summary>
    private AuthenticationHeaderValue CredentialsFor(string principal)
    {
        if (_options.Token is { } token && principal == AccessControlList.TokenPrincipal)
            return new AuthenticationHeaderValue("Bearer", token.Value);
        var secret = _auth.Acl.SecretOf(principal) ?? "";
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{principal}:{secret}")));
    }

    private async Task<IResult> RegisterAsync(HttpContext context, AgentRegistration? registration)
    {
        var principal = RequestAuthentication.PrincipalOf(context).Name;
        if (registration == null || string.IsNullOrWhiteSpace(registration.Name))
            return Results.BadRequest("register: expected a JSON body with name, url and resources");
        if (!Uri.TryCreate(registration.Url, UriKind.Absolute, out _))
            return Results.BadRequest($"register: field 'url' of agent {registration.Name}: expected an absolute URL, found '{registration.Url}'");
        if (!ResourceSet.TryParse(registration.Resources, out var resources, out var error) || resources.Total.IsEmpty)
            return Results.BadRequest($"register: field 'resources' of agent {registration.Name}: {(error.Length > 0 ? error : "expected some resources")}");
        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in registration.Attributes ?? new Dictionary<string, string>()) attributes[key] = value;
        var info = new AgentInfo(registration.Name, resources, attributes);
        LiveLoop? loop;
        lock (_lock)
        {
            loop = _loop;
            if (loop == null)
            {
                bool known = _agents.TryGetValue(info.Name, out var waiting);
                _agents[info.Name] = new RemoteAgent(info, registration.Url) { Principal = principal };
                _options.Log($"agent {info.Name} at {registration.Url} registered ({registration.Resources}); waiting for the run");
                return Results.Json(new RegistrationReply(known, _options.HeartbeatInterval.TotalSeconds) { HeartbeatTimeoutSeconds = _options.HeartbeatTimeout.TotalSeconds }, ProtocolJson.Options);
            }
        }
        bool reregistered = await loop.InvokeAsync(() => Register(info, registration.Url, principal, registration.Tasks ?? []));
        return Results.Json(new RegistrationReply(reregistered, _options.HeartbeatInterval.TotalSeconds) { HeartbeatTimeoutSeconds = _options.HeartbeatTimeout.TotalSeconds }, ProtocolJson.Options);
    }

    /// <summary>On the loop: a known agent keeps its id and tasks (it restarted); one the registry named comes
    /// back with the tasks it reports (after a master failover); an unknown one joins anew.</summary>
    private bool Register(AgentInfo info, string url, string principal, IReadOnlyList<RunningTask> tasks)
    {
        var master = _master!;
        RemoteAgent? entry;
        lock (_lock) _agents.TryGetValue(info.Name, out entry);
        if (entry?.Link != null && master.TryFindAgent(info.Name, out _))
        {
            entry.Url = url;
            entry.Link.Url = url;
            entry.LastHeardFrom = Stopwatch.GetTimestamp();
            _options.Log($"agent {info.Name} re-registered from {url}; its tasks stay");
            return true;
        }
        entry = new RemoteAgent(info, url) { Principal = principal, Link = new RemoteAgentLink(info.Name, url, _loop!, master, _http, CredentialsFor(principal)) { Usage = TaskUsage } };
        lock (_lock) _agents[info.Name] = entry;
        _registry?.AgentAdmitted(new RegisteredAgent(info.Name, url, ResourceText(info), info.Attributes, principal));
        bool known = true;
        if (_recovering.Remove(info.Name, out var recovering)) Readmit(info, entry.Link, tasks, recovering);
        else if (_unreachable.Remove(info.Name, out var marked)) Heal(info, entry.Link, tasks, marked);
        else
        {
            master.AddAgent(info, entry.Link);
            _options.Log($"agent {info.Name} at {url} registered ({info.Total})");
            known = false;
        }
        // A machine in the maintenance schedule is DRAINING (or DOWN) again under this master.
        _maintenance.Admitted(master, info.Name);
        return known;
    }

    private static string ResourceText(AgentInfo info) =>
        string.Join(';', new[] { info.Total.Unreserved.IsEmpty ? "" : info.Total.Unreserved.ToString() }
            .Concat(info.Total.Reserved.Select(r => ReservedText(r.Key, r.Value))).Where(t => t.Length > 0));

    private static string ReservedText(string role, Core.Resources.Resources resources) =>
        string.Join(';', resources.ToString().Split(';').Select(part => part.Replace(":", $"({role}):", StringComparison.Ordinal)));

    /// <summary>
    /// On the loop: an agent the registry named re-registers after a master failover (Mesos's
    /// Master::reregisterSlave for a recovered agent). Its reservations come back from the registry and the
    /// tasks it reports stay, their resources allocated; tasks of frameworks this master does not know are
    /// killed; tasks the registry held for it that it no longer reports are LOST.
    /// </summary>
    private void Readmit(AgentInfo info, RemoteAgentLink link, IReadOnlyList<RunningTask> reported, RecoveringAgent recovering)
    {
        var master = _master!;
        // A task the registry kept as revocable, or the agent reports as revocable, stays revocable (Mesos reads
        // it from the task's resources); a master without --oversubscription keeps no revocable books and takes
        // it back as a regular task.
        var revocable = master.Allocator is IOversubscribedTotals
            ? recovering.Tasks.Where(t => t.Revocable).Select(t => (t.FrameworkId, t.TaskId))
                .Concat(reported.Where(t => t.Revocable).Select(t => (t.FrameworkId, t.TaskId))).ToHashSet()
            : [];
        var tasks = reported.Select(t => new ReadmittedTask(new FrameworkId(t.FrameworkId),
            new TaskSpec(new TaskId(t.TaskId), Core.Resources.Resources.Parse(FormattableString.Invariant($"cpus:{t.Cpus};mem:{t.Mem}")), Duration.Forever),
            t.State == "RUNNING" ? TaskState.Running : TaskState.Staging)
        { Role = revocable.Contains((t.FrameworkId, t.TaskId)) ? RevocableResources.Role : null }).ToArray();
        var reservations = recovering.Reservations
            .Select(r => (r.Role, Core.Resources.Resources.Parse(r.Resources) - info.Total.ReservedFor(r.Role)))
            .Where(r => !r.Item2.IsEmpty && !r.Item2.HasNegative).ToArray();
        var (id, refused, unreserved) = master.ReadmitAgent(info, link, tasks, reservations);
        RestoreOversubscribed(id, recovering);
        foreach (var (framework, task) in refused)
        {
            _options.Log($"agent {info.Name}: task {task.Id.Value} of framework {framework.Value} is not known to this master or no longer fits; killing it");
            link.Kill(framework, task.Id);
        }
        foreach (var (role, resources) in unreserved)
            _options.Log($"agent {info.Name}: the registry's reservation of {resources} for role {role} no longer fits the agent; dropped");
        var kept = reported.Select(t => (t.FrameworkId, t.TaskId)).ToHashSet();
        foreach (var task in recovering.Tasks.Where(t => !kept.Contains((t.FrameworkId, t.TaskId))))
        {
            master.ReportGone(new FrameworkId(task.FrameworkId), new TaskId(task.TaskId), $"agent {info.Name} re-registered after a master failover without this task",
                StatusReason.Reconciliation);
            _registry?.TaskGone(task);
        }
        _options.Log($"agent {info.Name} re-registered after the master failover with {tasks.Length - refused.Count} running task(s); they stay");
    }

    /// <summary>
    /// Gives the allocator back the oversubscribed total the registry kept for a re-registering agent, before
    /// the allocation run its re-registration triggers, so that its revocable resources are offered again at
    /// once. Mesos gets the same from the agent, which forwards its last estimate right after it has
    /// re-registered (src/slave/slave.cpp, Slave::reregistered: "send an UpdateSlaveMessage ... if it has had any
    /// oversubscribed resources set"; Master::updateSlave); the project's agent does too, but only on its next
    /// estimator tick, so the master keeps the total itself (<see cref="RegisteredOversubscribed"/>) to offer it at once. A master without
    /// --oversubscription has no use for it and drops the entry.
    /// </summary>
    private void RestoreOversubscribed(AgentId agent, RecoveringAgent recovering)
    {
        if (recovering.Oversubscribed is not { } kept) return;
        if (_master!.Allocator is not IOversubscribedTotals totals)
        {
            _registry?.OversubscribedSet(recovering.Name, Core.Resources.Resources.Empty);
            return;
        }
        var total = Core.Resources.Resources.Parse(kept.Resources);
        totals.UpdateOversubscribed(agent, total);
        _options.Log($"agent {recovering.Name}: oversubscribed resources {total} restored from the registry");
    }

    /// <summary>
    /// On the loop: an agent that was marked unreachable (missed heartbeats: a partition) registers again with
    /// the tasks it still runs. A partition-aware framework's task comes back (it hears RUNNING again, as
    /// Mesos's ___reregisterSlave sends "Unreachable agent re-reregistered") unless the framework already runs a
    /// task of that id elsewhere: replaced, it is killed here. Tasks of frameworks that are not partition-aware
    /// were reported LOST and are killed, as Mesos does (src/master/master.cpp, the comment on markUnreachable:
    /// "we shutdown their tasks when an unreachable agent reregisters"). A task the agent reports revocable comes
    /// back revocable, as after a failover (<see cref="Readmit"/>; Mesos reads it from the task's resources), so
    /// the agent's oversubscribed total from before can be given back with it, as the agent would re-send it
    /// (src/slave/slave.cpp, Slave::reregistered: forwardOversubscribed); with the tasks readmitted as regular
    /// instead, the same resources would have been counted twice, regular and revocable.
    /// </summary>
    private void Heal(AgentInfo info, RemoteAgentLink link, IReadOnlyList<RunningTask> reported, UnreachableAgent marked)
    {
        var master = _master!;
        var totals = master.Allocator as IOversubscribedTotals;
        var aware = marked.Tasks.Where(m => m.PartitionAware).Select(m => (m.Framework, m.Task)).ToHashSet();
        var keep = new List<ReadmittedTask>();
        foreach (var t in reported)
        {
            var framework = new FrameworkId(t.FrameworkId);
            var task = new TaskId(t.TaskId);
            bool replaced = master.IsRegistered(framework) && master.StateOf(framework, task).HasValue;
            if (aware.Contains((framework, task)) && !replaced)
                keep.Add(new ReadmittedTask(framework, new TaskSpec(task, Core.Resources.Resources.Parse(FormattableString.Invariant($"cpus:{t.Cpus};mem:{t.Mem}")), Duration.Forever),
                    t.State == "RUNNING" ? TaskState.Running : TaskState.Staging)
                { Role = t.Revocable && totals != null ? RevocableResources.Role : null });
            else
            {
                _options.Log($"agent {info.Name}: task {t.TaskId} of framework {t.FrameworkId} was {(replaced ? "replaced while the agent was unreachable" : "reported LOST")}; killing it");
                link.Kill(framework, task);
            }
        }
        var (id, refused, _) = master.ReadmitAgent(info, link, keep, []);
        foreach (var (framework, task) in refused) link.Kill(framework, task.Id);
        if (totals != null && !marked.Oversubscribed.IsEmpty)
        {
            totals.UpdateOversubscribed(id, marked.Oversubscribed);
            _registry?.OversubscribedSet(info.Name, marked.Oversubscribed);
            _options.Log($"agent {info.Name}: oversubscribed resources {marked.Oversubscribed} restored from before it was unreachable");
        }
        foreach (var group in keep.Where(k => !refused.Contains((k.Framework, k.Task))).GroupBy(k => k.Framework))
            master.Reconcile(group.Key, group.Select(k => k.Task.Id).ToArray());
        _options.Log($"agent {info.Name} came back after it was unreachable; {keep.Count - refused.Count} task(s) of partition-aware frameworks reconciled, {reported.Count - keep.Count + refused.Count} killed");
    }

    /// <summary>
    /// On the loop, once this master leads and has attached its master (Mesos's Master::_recover,
    /// src/master/master.cpp): weights, quota, frameworks and the maintenance schedule come back from the registry at once; agents come
    /// back as they re-register, and those that have not within <paramref name="reregistrationTimeout"/> are
    /// gone, their tasks LOST (Master::recoveredSlavesTimeout). From here on, changes are kept in
    /// <paramref name="registry"/>.
    /// </summary>
    public void Recover(RegistryContents contents, MasterRegistry registry, TimeSpan reregistrationTimeout)
    {
        var master = _master ?? throw new InvalidOperationException("MasterHost.Recover needs an attached master");
        var loop = _loop!;
        _registry = new RegistryRecorder(registry, master, _scheduler);
        _scheduler.Unsettled = (framework, task) => !master.StateOf(framework, task).HasValue
            && _recovering.Values.Any(a => a.Tasks.Any(t => t.FrameworkId == framework.Value && t.TaskId == task.Value));
        master.AddListener(_registry);
        foreach (var (role, weight) in contents.Weights) master.SetWeight(role, weight);
        foreach (var quota in contents.Quotas)
        {
            try
            {
                var guarantee = quota.Guarantee.Length == 0 ? Core.Resources.Resources.Empty : Core.Resources.Resources.Parse(quota.Guarantee);
                master.SetQuota(quota.Role, OperatorApi.QuotaOf(guarantee, quota.Limit));
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
            {
                _options.Log($"error: registry entry {MasterRegistry.QuotaKey(quota.Role)}: {e.Message}; quota not recovered");
            }
        }
        int frameworks = 0;
        foreach (var framework in contents.Frameworks.OrderBy(f => f.Id))
        {
            var principal = _auth.Acl.Principals.FirstOrDefault(p => p.Name == framework.Principal);
            if (principal == null)
            {
                _options.Log($"error: registry entry {MasterRegistry.FrameworkKey(framework.Id)}: principal '{framework.Principal}' is not in this master's ACL; framework not recovered");
                continue;
            }
            var info = new FrameworkInfo(framework.Name, framework.Role) { Capabilities = new SortedSet<string>(framework.Capabilities, StringComparer.Ordinal) };
            if (framework.Roles is { Count: > 1 } roles && roles[0] == framework.Role) info = info with { Roles = roles };
            _scheduler.Readmit(new FrameworkId(framework.Id), info, principal, TimeSpan.FromSeconds(framework.FailoverSeconds));
            frameworks++;
        }
        _maintenance.Recover(master, contents.Machines, new LoopClock(loop, loop.TimeScale));
        foreach (var agent in contents.Agents) _recovering[agent.Name] = new RecoveringAgent(agent.Name);
        foreach (var task in contents.Tasks)
        {
            if (!_recovering.TryGetValue(task.Agent, out var owner)) _recovering[task.Agent] = owner = new RecoveringAgent(task.Agent);
            owner.Tasks.Add(task);
        }
        foreach (var reservation in contents.Reservations)
            if (_recovering.TryGetValue(reservation.Agent, out var owner)) owner.Reservations.Add(reservation);
            else _registry.Registry.Delete(MasterRegistry.ReservationKey(reservation.Agent, reservation.Role));
        foreach (var total in contents.Oversubscribed)
            if (_recovering.TryGetValue(total.Agent, out var owner)) owner.Oversubscribed = total;
            else _registry.Registry.Delete(MasterRegistry.OversubscribedKey(total.Agent));
        _options.Log($"recovered from the registry: {contents.Agents.Count} agent(s) to re-register within {reregistrationTimeout.TotalSeconds:0.#} s, {frameworks} framework(s), {contents.Tasks.Count} task(s), {contents.Weights.Count} weight(s), {contents.Quotas.Count} quota(s), {contents.Reservations.Count} reservation(s), {contents.Machines.Count} machine(s) in the maintenance schedule, {contents.Oversubscribed.Count} oversubscribed total(s)");
        if (_recovering.Count > 0)
            loop.After(Duration.FromSeconds(reregistrationTimeout.TotalSeconds * loop.TimeScale), RecoveryTimedOut);
    }

    /// <summary>Agents that did not re-register in time are gone: their tasks are LOST and the registry forgets them.</summary>
    private void RecoveryTimedOut()
    {
        foreach (var agent in _recovering.Values.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            _options.Log($"agent {agent.Name} did not re-register after the master failover; it is gone and its {agent.Tasks.Count} task(s) are LOST");
            foreach (var task in agent.Tasks)
                _master!.ReportGone(new FrameworkId(task.FrameworkId), new TaskId(task.TaskId), $"agent {agent.Name} did not re-register after a master failover",
                    StatusReason.AgentRemoved);
            _registry?.AgentGone(agent.Name, agent.Tasks, agent.Reservations);
        }
        _recovering.Clear();
    }

    /// <summary>Agents the registry named that have not re-registered yet (for /state and tests; loop thread).</summary>
    public int RecoveringAgents => _recovering.Count;

    /// <summary>How long a watch is held open before it is answered (and the agent opens the next).</summary>
    public static readonly TimeSpan WatchPeriod = TimeSpan.FromSeconds(30);

    private CancellationTokenSource _leadership = new();

    /// <summary>
    /// GET /api/agents/{name}/watch: held open for <see cref="WatchPeriod"/>, or until this master lets go of its
    /// master (steps down). When a leader dies its agents' watches break at once, and they heartbeat (and
    /// re-register with the next leader) without waiting for their next heartbeat: the stand-in for the
    /// ZooKeeper watch through which Mesos agents learn of a new leader.
    /// </summary>
    private async Task<IResult> WatchAsync(HttpContext context)
    {
        CancellationToken leadership;
        lock (_lock) leadership = _leadership.Token;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, leadership);
        try
        {
            await Task.Delay(WatchPeriod, either.Token);
        }
        catch (OperationCanceledException)
        {
        }
        return Results.Ok(new { });
    }

    private IResult Heartbeat(string name)
    {
        lock (_lock)
        {
            if (!_agents.TryGetValue(name, out var agent))
                return Results.NotFound($"heartbeat: agent {name} is not registered; register again");
            agent.LastHeardFrom = Stopwatch.GetTimestamp();
            return Results.Ok(new { });
        }
    }

    private async Task<IResult> StatusAsync(string name, TaskStatusReport? report)
    {
        if (report == null || string.IsNullOrEmpty(report.TaskId))
            return Results.BadRequest($"status from agent {name}: expected a JSON body with frameworkId, taskId, state and uuid");
        if (!Enum.GetValues<TaskState>().Any(s => s.Name() == report.State))
            return Results.BadRequest($"status from agent {name}: field 'state': expected RUNNING, FINISHED, FAILED, KILLED or LOST, found '{report.State}'");
        var state = Enum.GetValues<TaskState>().First(s => s.Name() == report.State);
        LiveLoop? loop;
        lock (_lock)
        {
            loop = _loop;
            if (_agents.TryGetValue(name, out var agent)) agent.LastHeardFrom = Stopwatch.GetTimestamp();
            if (state == TaskState.Running && report.StartSeconds is { } started && started >= 0)
                _containerStarts = (_containerStarts.Seconds + started, _containerStarts.Tasks + 1);
        }
        // Updates for tasks the master no longer knows are acknowledged too: there is nothing to redo. An
        // agent that has not re-registered with a new leader yet is told to wait (503, not acknowledged): the
        // update is for a task this master will know once it has.
        if (loop != null)
        {
            bool taken = await loop.InvokeAsync(() =>
            {
                if (_recovering.ContainsKey(name)) return false;
                if (_master!.TryFindAgent(name, out var id))
                    _master.UpdateTaskStatus(id, new FrameworkId(report.FrameworkId), new TaskId(report.TaskId), state, report.Reason,
                        StatusReasons.ReasonNamed(report.Code), StatusReasons.SourceNamed(report.Source));
                return true;
            });
            if (!taken) return Results.Text($"503: agent {name} has not re-registered with this master yet\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        return Results.Ok(new { acknowledged = report.Uuid });
    }

    /// <summary>
    /// POST /api/agents/{name}/oversubscribed: the agent's revocable total (Mesos's UpdateSlaveMessage). As
    /// Mesos's master does (src/master/master.cpp, Master::updateSlave: "we only rescind offers containing
    /// revocable resources"), a changed total rescinds the agent's outstanding revocable offers and goes to the
    /// allocator, which offers it anew, and to the registry, for a new leader; an unchanged one changes nothing. The simulated path is
    /// <see cref="Core.Oversubscription.SlackEstimator"/>. 409 when this master runs without --oversubscription.
    /// </summary>
    private async Task<IResult> OversubscribedAsync(string name, OversubscribedReport? report)
    {
        if (report?.Resources == null)
            return Results.BadRequest($"oversubscribed from agent {name}: field 'resources': expected resources such as \"cpus:1;mem:512\" (empty: none)");
        Core.Resources.Resources total;
        try
        {
            total = report.Resources.Trim().Length == 0 ? Core.Resources.Resources.Empty : Core.Resources.Resources.Parse(report.Resources);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return Results.BadRequest($"oversubscribed from agent {name}: field 'resources': {e.Message}");
        }
        if (total.HasNegative)
            return Results.BadRequest($"oversubscribed from agent {name}: field 'resources': expected amounts of at least 0, found '{report.Resources}'");
        LiveLoop? loop;
        lock (_lock)
        {
            loop = _loop;
            if (_agents.TryGetValue(name, out var agent)) agent.LastHeardFrom = Stopwatch.GetTimestamp();
        }
        if (loop == null) return Results.Text($"503: agent {name}: the master has not started its run yet\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        var (status, answer) = await loop.InvokeAsync(() =>
        {
            if (_master!.Allocator is not IOversubscribedTotals totals)
                return (StatusCodes.Status409Conflict, $"409: oversubscribed from agent {name}: field 'resources': this master runs without --oversubscription; it offers no revocable resources");
            if (_recovering.ContainsKey(name) || !_master.TryFindAgent(name, out var id))
                return (StatusCodes.Status404NotFound, $"404: oversubscribed: agent {name} is not registered; register again");
            if (totals.OversubscribedOn(id) == total) return (StatusCodes.Status200OK, "");
            _master.RescindOffersOf(id, RevocableResources.Role, "oversubscribed resources changed");
            totals.UpdateOversubscribed(id, total);
            _registry?.OversubscribedSet(name, total);
            _options.Log($"agent {name}: oversubscribed resources now {(total.IsEmpty ? "none" : total.ToString())}");
            return (StatusCodes.Status200OK, "changed");
        });
        return status == StatusCodes.Status200OK
            ? Results.Json(new { changed = answer == "changed" }, ProtocolJson.Options)
            : Results.Text(answer + "\n", statusCode: status);
    }

    /// <summary>
    /// Removes agents not heard from for the heartbeat timeout, exactly as a lost agent in simulation: its
    /// tasks become LOST and its resources leave the allocator.
    /// </summary>
    private void RemoveSilentAgents()
    {
        long limit = (long)(_options.HeartbeatTimeout.TotalSeconds * Stopwatch.Frequency);
        long now = Stopwatch.GetTimestamp();
        List<RemoteAgent> silent = [];
        LiveLoop? loop;
        lock (_lock)
        {
            loop = _loop;
            foreach (var agent in _agents.Values)
                if (now - agent.LastHeardFrom > limit) silent.Add(agent);
            foreach (var agent in silent) _agents.Remove(agent.Info.Name);
        }
        foreach (var agent in silent)
        {
            _options.Log($"agent {agent.Info.Name} at {agent.Url} missed {_options.MaxMissedHeartbeats} heartbeats ({_options.HeartbeatTimeout.TotalSeconds:0.#} s); removed");
            loop?.Post(() =>
            {
                if (_master!.TryFindAgent(agent.Info.Name, out var id))
                {
                    // Its oversubscribed total leaves the allocator with it; kept for when it comes back.
                    var oversubscribed = _master.Allocator is IOversubscribedTotals totals ? totals.OversubscribedOn(id) : Core.Resources.Resources.Empty;
                    _unreachable[agent.Info.Name] = new UnreachableAgent(_master.MarkAgentUnreachable(id), oversubscribed);
                }
                agent.Link?.Dispose();
            });
        }
    }

    // ---- the operator's view ------------------------------------------------------------------------

    /// <summary>
    /// False while this master stands by under <see cref="MasterLeadership"/>: then every call but /state is
    /// sent to the leader with 307 (the same method and body, at the leader's address), or answered 503 when no
    /// master leads. True for a master that leads, and for one without leader election.
    /// </summary>
    public bool Leading { get; set; } = true;

    /// <summary>The share of its cpus a task's default command keeps busy, for the links of agents admitted from
    /// now on: <c>run --live</c> gives its frameworks' <c>usage:</c> draws; null: all.</summary>
    public Func<FrameworkId, TaskSpec, double?>? TaskUsage { get; set; }

    /// <summary>Where the leader is, when this master does not lead (null: no leader known).</summary>
    public Func<string?> Leader { get; set; } = () => null;

    private async Task FollowTheLeader(HttpContext context, RequestDelegate next)
    {
        if (Leading || context.Request.Path == "/state")
        {
            await next(context);
            return;
        }
        if (Leader() is { } leader)
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = leader.TrimEnd('/') + context.Request.Path + context.Request.QueryString;
            await context.Response.WriteAsync($"307: this master stands by; the leader is {leader}\n");
            return;
        }
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        await context.Response.WriteAsync("503: no master leads right now; try again shortly\n");
    }

    private async Task<MasterState> StateAsync() => (await ReadStateAsync()) with { Leader = Leading ? Address.ToString().TrimEnd('/') : Leader() };

    private async Task<MasterState> ReadStateAsync()
    {
        LiveLoop? loop;
        lock (_lock) loop = _loop;
        if (loop == null)
        {
            return MasterState.Lobby(AgentsForState());
        }
        return await loop.InvokeAsync(() => MasterState.Of(_master!, loop, _board!, AgentsForState(), _options.HeartbeatInterval, _scheduler.PrincipalOf));
    }

    private IReadOnlyList<(RemoteAgent Agent, double Silence)> AgentsForState()
    {
        lock (_lock) return _agents.Values.Select(a => (a, Silence(a))).ToArray();
    }

    private static double Silence(RemoteAgent a) => Math.Round((Stopwatch.GetTimestamp() - a.LastHeardFrom) / (double)Stopwatch.Frequency, 1);

    public async ValueTask DisposeAsync()
    {
        if (_reaper != null) await _reaper.DisposeAsync();
        await EmbeddedServer.StopAsync(_app);
        lock (_lock)
            foreach (var agent in _agents.Values) agent.Link?.Dispose();
        _http.Dispose();
    }
}
