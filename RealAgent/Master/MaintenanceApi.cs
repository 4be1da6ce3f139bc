using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Timing;
using ClusterSim.RealAgent.Live;
using ClusterSim.RealAgent.Master.Registry;
using ClusterSim.RealAgent.Scheduler;
using ClusterSim.RealAgent.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ClusterSim.RealAgent.Master;

/// <summary>
/// Mesos's maintenance endpoints (docs/maintenance.md; src/master/http.cpp, maintenance handlers;
/// src/master/maintenance.cpp, validation), for operators:
/// <list type="bullet">
/// <item><c>POST /master/maintenance/schedule</c> replaces the schedule:
/// <c>{"windows": [{"machine_ids": [{"hostname": "agent-1"}], "unavailability": {"start": {"nanoseconds": N},
/// "duration": {"nanoseconds": M}}}]}</c>. Machines in it are DRAINING: their offers carry the window and
/// frameworks holding resources there get inverse offers (Master.UpdateMaintenance); machines left out are UP
/// again. <c>GET</c> returns the schedule.</item>
/// <item><c>POST /master/machine/down</c> with <c>[{"hostname": ...}]</c>: scheduled machines go DOWN, which
/// here is DRAIN_AGENT with no grace period (their tasks are killed, nothing there is offered).</item>
/// <item><c>POST /master/machine/up</c>: DOWN machines come back UP, reactivated and out of the schedule.</item>
/// </list>
/// Machines are agents, named by <c>hostname</c> (the agent's name); <c>ip</c> is not supported, and, unlike
/// Mesos, a machine must be registered to enter the schedule (once in it, it stays there while its agent is
/// away). The same paths without <c>/master</c> are served too.
/// With etcd, every change is kept in the registry (<paramref name="registry"/>), as Mesos keeps
/// Registry.schedules and Registry.machines (src/master/registry.proto): a new leader reads the schedule back
/// (<see cref="Recover"/>), and each machine's agent is DRAINING or DOWN again as it re-registers
/// (<see cref="Admitted"/>; Mesos's Master::addSlave hands the allocator the machine's unavailability), so the
/// frameworks holding resources there get inverse offers from the new leader.
/// </summary>
public sealed class MaintenanceApi(Func<(LiveLoop Loop, Core.Cluster.Master Master)?> attached, Action<string> log,
    Func<RegistryRecorder?>? registry = null)
{
    // Which master the schedule below belongs to; the loop thread reads and writes all three.
    private Core.Cluster.Master? _owner;
    private readonly Dictionary<string, Unavailability> _schedule = new(StringComparer.Ordinal);
    private readonly HashSet<string> _down = new(StringComparer.Ordinal);

    public void Map(WebApplication app)
    {
        foreach (var prefix in new[] { "/master", "" })
        {
            app.MapPost(prefix + "/maintenance/schedule", context => Handle(context, "maintenance/schedule", Schedule));
            app.MapGet(prefix + "/maintenance/schedule", context => Handle(context, "maintenance/schedule", (_, clock) => _ => CurrentSchedule(clock)));
            app.MapPost(prefix + "/machine/down", context => Handle(context, "machine/down", Down));
            app.MapPost(prefix + "/machine/up", context => Handle(context, "machine/up", Up));
        }
    }

    private async Task Handle(HttpContext context, string what, Func<JsonElement, LoopClock, Func<Core.Cluster.Master, JsonNode?>> parse)
    {
        var principal = RequestAuthentication.PrincipalOf(context);
        IResult result;
        if (!principal.Operator) result = RequestAuthentication.Forbidden(principal, $"call the operator endpoint {what}");
        else if (attached() is not { } at) result = Results.Text("503: the master is not ready yet\n", statusCode: 503);
        else
        {
            try
            {
                JsonElement body = default;
                using var document = HttpMethods.IsGet(context.Request.Method) ? null
                    : await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
                if (document != null) body = document.RootElement.Clone();
                var action = parse(body, new LoopClock(at.Loop, at.Loop.TimeScale));
                result = await at.Loop.InvokeAsync(() =>
                {
                    Own(at.Master);
                    try
                    {
                        var answer = action(at.Master);
                        if (!HttpMethods.IsGet(context.Request.Method)) log($"operator {principal.Name}: {what}");
                        return answer == null ? Results.Ok() : Results.Text(answer.ToJsonString(), "application/json");
                    }
                    catch (SchedulerCallException e)
                    {
                        return Results.Text($"400: {e.Message}\n", statusCode: 400);
                    }
                });
            }
            catch (JsonException e)
            {
                result = Results.Text($"400: body: expected JSON: {e.Message}\n", statusCode: 400);
            }
            catch (SchedulerCallException e)
            {
                result = Results.Text($"400: {e.Message}\n", statusCode: 400);
            }
        }
        await result.ExecuteAsync(context);
    }

    /// <summary>Parses and checks the schedule off the loop; on it, checks the machines and applies it.</summary>
    private Func<Core.Cluster.Master, JsonNode?> Schedule(JsonElement body, LoopClock clock)
    {
        if (body.ValueKind != JsonValueKind.Object) throw new SchedulerCallException("body", "expected {\"windows\": [...]}");
        var windows = new List<(string Field, string Machine, Unavailability Window)>();
        if (body.TryGetProperty("windows", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array) throw new SchedulerCallException("windows", "expected a list of windows");
            int w = 0;
            foreach (var window in list.EnumerateArray())
            {
                var at = $"windows[{w++}]";
                if (window.ValueKind != JsonValueKind.Object) throw new SchedulerCallException(at, "expected {\"machine_ids\": [...], \"unavailability\": {...}}");
                var unavailability = Unavailability(window, $"{at}.unavailability", clock);
                var machines = Machines(window.TryGetProperty("machine_ids", out var ids) ? ids : default, $"{at}.machine_ids");
                foreach (var (field, machine) in machines)
                {
                    if (windows.Any(x => x.Machine == machine))
                        throw new SchedulerCallException(field, $"machine '{machine}' appears more than once in the schedule");
                    windows.Add((field, machine, unavailability));
                }
            }
        }
        return master =>
        {
            var agents = new List<(AgentId? Id, string Machine, Unavailability Window)>();
            foreach (var (field, machine, window) in windows)
                agents.Add((AgentOf(master, machine, field), machine, window));
            foreach (var machine in _down)
                if (!windows.Any(x => x.Machine == machine))
                    throw new SchedulerCallException("windows", $"machine '{machine}' is down and cannot be removed from the schedule (bring it up first)");
            foreach (var (machine, _) in _schedule.ToArray())
                if (!windows.Any(x => x.Machine == machine))
                {
                    _schedule.Remove(machine);
                    if (master.TryFindAgent(machine, out var id)) master.UpdateMaintenance(id, null);
                    Record(machine, clock);
                }
            foreach (var (id, machine, window) in agents)
            {
                if (_schedule.TryGetValue(machine, out var old) && old == window) continue;
                _schedule[machine] = window;
                if (id is { } agent) master.UpdateMaintenance(agent, window);
                Record(machine, clock);
            }
            return null;
        };
    }

    /// <summary>On the loop: the schedule as Mesos's GET answers it, plus each machine's mode.</summary>
    private JsonObject CurrentSchedule(LoopClock clock)
    {
        var windows = new JsonArray();
        foreach (var (machine, window) in _schedule.OrderBy(x => x.Key, StringComparer.Ordinal))
            windows.Add(new JsonObject
            {
                ["machine_ids"] = new JsonArray(new JsonObject { ["hostname"] = machine }),
                ["unavailability"] = SchedulerEvents.Unavailability(window, clock.UnixNanos),
                ["mode"] = _down.Contains(machine) ? "DOWN" : "DRAINING",
            });
        return new JsonObject { ["windows"] = windows };
    }

    private Func<Core.Cluster.Master, JsonNode?> Down(JsonElement body, LoopClock clock)
    {
        var machines = Machines(body, "body");
        return master =>
        {
            var ids = machines.Select(m => (Id: AgentOf(master, m.Machine, m.Field), m.Machine, m.Field)).ToArray();
            foreach (var (_, machine, field) in ids)
                if (!_schedule.ContainsKey(machine) || _down.Contains(machine))
                    throw new SchedulerCallException(field, $"machine '{machine}' is not in DRAINING mode (it must be in the maintenance schedule and up)");
            foreach (var (id, machine, _) in ids)
            {
                _down.Add(machine);
                if (id is { } agent) master.DrainAgent(agent, Duration.Zero);
                Record(machine, clock);
            }
            return null;
        };
    }

    private Func<Core.Cluster.Master, JsonNode?> Up(JsonElement body, LoopClock clock)
    {
        var machines = Machines(body, "body");
        return master =>
        {
            var ids = machines.Select(m => (Id: AgentOf(master, m.Machine, m.Field), m.Machine, m.Field)).ToArray();
            foreach (var (_, machine, field) in ids)
                if (!_down.Contains(machine)) throw new SchedulerCallException(field, $"machine '{machine}' is not in DOWN mode");
            foreach (var (id, machine, _) in ids)
            {
                _down.Remove(machine);
                _schedule.Remove(machine);
                if (id is { } agent)
                {
                    master.ActivateAgent(agent);
                    master.UpdateMaintenance(agent, null);
                }
                Record(machine, clock);
            }
            return null;
        };
    }

    /// <summary>On the loop, on a new leader (Mesos's Master::_recover): the schedule and modes the registry
    /// holds become this master's. Machines whose agents are registered already are put back in their mode
    /// now; the others as their agents re-register.</summary>
    public void Recover(Core.Cluster.Master master, IReadOnlyList<RegisteredMachine> machines, LoopClock clock)
    {
        Own(master);
        foreach (var machine in machines)
        {
            _schedule[machine.Hostname] = new Unavailability(clock.FromUnixNanos(machine.StartNanos),
                machine.DurationNanos is { } d ? clock.FromNanos(d) : Duration.Forever);
            if (machine.Mode == RegisteredMachine.Down) _down.Add(machine.Hostname);
            Admitted(master, machine.Hostname);
        }
    }

    /// <summary>On the loop: the agent <paramref name="machine"/> was admitted (registered, or re-registered
    /// after a failover or a partition). A machine in the schedule is DRAINING again, its window on the agent;
    /// a DOWN one is drained at once (Mesos refuses agents on a DOWN machine; here the agent stays registered
    /// with nothing offered and its tasks killed, as machine/down leaves it).</summary>
    public void Admitted(Core.Cluster.Master master, string machine)
    {
        if (_owner != master || !_schedule.TryGetValue(machine, out var window) || !master.TryFindAgent(machine, out var id)) return;
        if (master.UnavailabilityOf(id) != window) master.UpdateMaintenance(id, window);
        if (_down.Contains(machine)) master.DrainAgent(id, Duration.Zero);
    }

    /// <summary>The schedule below belongs to <paramref name="master"/>: another master's is forgotten.</summary>
    private void Own(Core.Cluster.Master master)
    {
        if (_owner == master) return;
        _owner = master;
        _schedule.Clear();
        _down.Clear();
    }

    /// <summary>Keeps the machine's entry in the registry as it is now (none when it is up).</summary>
    private void Record(string machine, LoopClock clock)
    {
        if (registry?.Invoke() is not { } recorder) return;
        if (!_schedule.TryGetValue(machine, out var window))
        {
            recorder.MachineUp(machine);
            return;
        }
        recorder.MachineSet(new RegisteredMachine(machine, _down.Contains(machine) ? RegisteredMachine.Down : RegisteredMachine.Draining,
            clock.UnixNanos(window.Start), window.Duration.IsForever ? null : clock.Nanos(window.Duration)));
    }

    /// <summary>The machine's agent, or null for a machine in the schedule whose agent is away (after a
    /// failover, before it re-registers); a machine neither registered nor scheduled is an error.</summary>
    private AgentId? AgentOf(Core.Cluster.Master master, string machine, string field) =>
        master.TryFindAgent(machine, out var id) ? id
        : _schedule.ContainsKey(machine) ? null
        : throw new SchedulerCallException($"{field}.hostname", $"no agent named '{machine}' is registered");

    /// <summary>A non-empty list of MachineIDs without duplicates (maintenance.cpp, validation::machines).</summary>
    private static List<(string Field, string Machine)> Machines(JsonElement list, string at)
    {
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            throw new SchedulerCallException(at, "expected a non-empty list of machines like [{\"hostname\": \"agent-1\"}]");
        var machines = new List<(string, string)>();
        int i = 0;
        foreach (var id in list.EnumerateArray())
        {
            var field = at == "body" ? $"[{i++}]" : $"{at}[{i++}]";
            if (id.ValueKind != JsonValueKind.Object) throw new SchedulerCallException(field, "expected {\"hostname\": \"agent-1\"}");
            if (!id.TryGetProperty("hostname", out var host) || host.ValueKind != JsonValueKind.String || host.GetString()!.Length == 0)
                throw new SchedulerCallException($"{field}.hostname", id.TryGetProperty("ip", out _)
                    ? "expected the agent's name (machines are known by hostname here, not ip)"
                    : "expected the agent's name (both hostname and ip are empty)");
            var name = host.GetString()!;
            if (machines.Any(m => m.Item2 == name)) throw new SchedulerCallException(field, $"machine '{name}' appears more than once");
            machines.Add((field, name));
        }
        return machines;
    }

    /// <summary>mesos.proto Unavailability: start required, duration optional (unbounded) and not negative.</summary>
    private static Unavailability Unavailability(JsonElement window, string at, LoopClock clock)
    {
        if (!window.TryGetProperty("unavailability", out var u) || u.ValueKind != JsonValueKind.Object)
            throw new SchedulerCallException(at, "expected {\"start\": {\"nanoseconds\": N}, \"duration\": {\"nanoseconds\": M}}");
        long start = Nanoseconds(u, "start", $"{at}.start") ?? throw new SchedulerCallException($"{at}.start", "expected {\"nanoseconds\": N} (Unix time)");
        long? duration = Nanoseconds(u, "duration", $"{at}.duration");
        if (duration < 0) throw new SchedulerCallException($"{at}.duration.nanoseconds", "expected a duration that is not negative");
        return new Unavailability(clock.FromUnixNanos(start), duration is { } d ? clock.FromNanos(d) : Duration.Forever);
    }

    private static long? Nanoseconds(JsonElement parent, string name, string at)
    {
        if (!parent.TryGetProperty(name, out var value)) return null;
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("nanoseconds", out var n) || n.ValueKind != JsonValueKind.Number || !n.TryGetInt64(out var nanos))
            throw new SchedulerCallException($"{at}.nanoseconds", "expected a whole number of nanoseconds");
        return nanos;
    }
}
