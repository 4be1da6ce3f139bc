using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using ClusterSim.Core.Resources;
using dotnet_etcd;
using Etcdserverpb;
using Google.Protobuf;
using Grpc.Core;

namespace ClusterSim.RealAgent.Master.Registry;

/// <summary>
/// The master's registry in etcd, the project's counterpart of Mesos's registrar and its replicated log
/// (src/master/registry.proto, src/master/registrar.cpp): one JSON value per admitted agent, framework, live
/// task, reservation, weight, quota, machine in the maintenance schedule and agent's oversubscribed total under <see cref="Prefix"/>. The leader writes through
/// <see cref="Put"/> and <see cref="Delete"/>, which queue the change and return at once (the master's loop
/// never waits for etcd); one writer applies them in order and retries until etcd takes them. Unlike Mesos's
/// registrar, admission does not wait for the write: what the leader did in the moment before it died can be
/// missing, and the agents' re-registration (which carries their tasks) is what settles it. A new leader reads
/// everything with <see cref="ReadAsync"/>.
/// </summary>
public sealed class MasterRegistry : IAsyncDisposable
{
    public const string Prefix = "clustersim/registry/";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly EtcdClient _etcd;
    private readonly Action<string> _log;
    private readonly Channel<(string Key, string? Value)> _changes = Channel.CreateUnbounded<(string, string?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writer;
    private int _pending;

    public MasterRegistry(string endpoints, Action<string> log)
    {
        _etcd = new EtcdClient(endpoints);
        _log = log;
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Changes queued and not yet written.</summary>
    public int Pending => Volatile.Read(ref _pending);

    // ---- keys ---------------------------------------------------------------------------------------

    private static string Part(string name) => Uri.EscapeDataString(name);

    public static string AgentKey(string agent) => $"{Prefix}agents/{Part(agent)}";
    public static string FrameworkKey(int id) => $"{Prefix}frameworks/{id.ToString(CultureInfo.InvariantCulture)}";
    public static string TaskKey(string agent, int framework, string task) => $"{Prefix}tasks/{Part(agent)}/{framework.ToString(CultureInfo.InvariantCulture)}/{Part(task)}";
    public static string ReservationKey(string agent, string role) => $"{Prefix}reservations/{Part(agent)}/{Part(role)}";
    public static string WeightKey(string role) => $"{Prefix}weights/{Part(role)}";
    public static string QuotaKey(string role) => $"{Prefix}quota/{Part(role)}";
    public static string MachineKey(string hostname) => $"{Prefix}machines/{Part(hostname)}";
    public static string OversubscribedKey(string agent) => $"{Prefix}oversubscribed/{Part(agent)}";

    // ---- writing ------------------------------------------------------------------------------------

    public void Put(string key, object value) => Queue(key, JsonSerializer.Serialize(value, value.GetType(), Json));

    public void Delete(string key) => Queue(key, null);

    private void Queue(string key, string? value)
    {
        Interlocked.Increment(ref _pending);
        _changes.Writer.TryWrite((key, value));
    }

    private async Task WriteAsync()
    {
        var token = _stop.Token;
        try
        {
            await foreach (var (key, value) in _changes.Reader.ReadAllAsync(token))
            {
                var delay = TimeSpan.FromMilliseconds(100);
                while (true)
                {
                    try
                    {
                        if (value == null)
                            await _etcd.DeleteAsync(new DeleteRangeRequest { Key = ByteString.CopyFromUtf8(key) }, deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: token);
                        else
                            await _etcd.PutAsync(new PutRequest { Key = ByteString.CopyFromUtf8(key), Value = ByteString.CopyFromUtf8(value) }, deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: token);
                        break;
                    }
                    catch (RpcException e) when (!token.IsCancellationRequested)
                    {
                        _log($"registry: writing {key} to etcd failed ({e.Status.StatusCode}); retrying");
                        await Task.Delay(delay, token);
                        delay = TimeSpan.FromMilliseconds(Math.Min(2000, delay.TotalMilliseconds * 2));
                    }
                }
                Interlocked.Decrement(ref _pending);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // ---- reading ------------------------------------------------------------------------------------

    /// <summary>Reads the whole registry; entries that cannot be parsed are returned as problems naming their
    /// key. Throws <see cref="InvalidOperationException"/> naming the address when etcd does not answer.</summary>
    public async Task<RegistryContents> ReadAsync(string endpoints, CancellationToken cancellationToken)
    {
        RangeResponse range;
        try
        {
            range = await _etcd.GetRangeAsync(Prefix, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: cancellationToken);
        }
        catch (RpcException e)
        {
            throw new InvalidOperationException($"--etcd {endpoints}: reading the registry failed ({e.Status.StatusCode}: {e.Status.Detail})", e);
        }
        return Parse(range.Kvs.Select(kv => (kv.Key.ToStringUtf8(), kv.Value.ToStringUtf8())));
    }

    /// <summary>Parses registry entries (key, JSON value); public for tests of malformed entries.</summary>
    public static RegistryContents Parse(IEnumerable<(string Key, string Value)> entries)
    {
        var agents = new List<RegisteredAgent>();
        var frameworks = new List<RegisteredFramework>();
        var tasks = new List<RegisteredTask>();
        var reservations = new List<RegisteredReservation>();
        var weights = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var quotas = new List<RegisteredQuota>();
        var machines = new List<RegisteredMachine>();
        var oversubscribed = new List<RegisteredOversubscribed>();
        var problems = new List<RegistryProblem>();
        foreach (var (key, value) in entries)
        {
            if (!key.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            var kind = key[Prefix.Length..].Split('/')[0];
            try
            {
                switch (kind)
                {
                    case "agents":
                        var agent = Read<RegisteredAgent>(value, "an agent {name, url, resources, attributes, principal}");
                        Require(agent.Name, "name");
                        Require(agent.Url, "url");
                        Require(agent.Principal, "principal");
                        if (!ResourceSet.TryParse(agent.Resources ?? "", out _, out var error))
                            throw new FormatException($"resources: {(error.Length > 0 ? error : "expected resources such as cpus:2;mem:2048")}");
                        if (key != AgentKey(agent.Name)) throw new FormatException($"name: '{agent.Name}' is not the key's agent");
                        agents.Add(agent with { Attributes = agent.Attributes ?? new Dictionary<string, string>() });
                        break;
                    case "frameworks":
                        var framework = Read<RegisteredFramework>(value, "a framework {id, name, role, principal, failoverSeconds, capabilities}");
                        Require(framework.Name, "name");
                        Require(framework.Role, "role");
                        Require(framework.Principal, "principal");
                        if (framework.Id < 0 || key != FrameworkKey(framework.Id)) throw new FormatException($"id: {framework.Id} is not the key's framework id");
                        if (framework.FailoverSeconds < 0) throw new FormatException("failoverSeconds: expected at least 0");
                        if (framework.Roles is { } roles && (roles.Count == 0 || roles[0] != framework.Role || roles.Distinct(StringComparer.Ordinal).Count() != roles.Count))
                            throw new FormatException($"roles: expected the framework's roles without duplicates, its role '{framework.Role}' first");
                        frameworks.Add(framework with { Capabilities = framework.Capabilities ?? [] });
                        break;
                    case "tasks":
                        var task = Read<RegisteredTask>(value, "a task {agent, frameworkId, taskId, cpus, mem, revocable}");
                        Require(task.Agent, "agent");
                        Require(task.TaskId, "taskId");
                        if (task.Cpus < 0 || task.Mem < 0) throw new FormatException("cpus, mem: expected amounts of at least 0");
                        tasks.Add(task);
                        break;
                    case "reservations":
                        var reservation = Read<RegisteredReservation>(value, "a reservation {agent, role, resources}");
                        Require(reservation.Agent, "agent");
                        Require(reservation.Role, "role");
                        Core.Resources.Resources.Parse(Require(reservation.Resources, "resources"));
                        reservations.Add(reservation);
                        break;
                    case "weights":
                        using (var document = JsonDocument.Parse(value))
                        {
                            if (!document.RootElement.TryGetProperty("weight", out var w) || w.ValueKind != JsonValueKind.Number || !(w.GetDouble() > 0))
                                throw new FormatException("weight: expected {\"weight\": a positive number}");
                            weights[Uri.UnescapeDataString(key[(Prefix.Length + "weights/".Length)..])] = w.GetDouble();
                        }
                        break;
                    case "quota":
                        var quota = Read<RegisteredQuota>(value, "a quota {role, guarantee, limit}");
                        Require(quota.Role, "role");
                        if (!string.IsNullOrEmpty(quota.Guarantee)) Core.Resources.Resources.Parse(quota.Guarantee);
                        if (quota.Limit != null) Core.Resources.Resources.Parse(quota.Limit);
                        quotas.Add(quota with { Guarantee = quota.Guarantee ?? "" });
                        break;
                    case "machines":
                        var machine = Read<RegisteredMachine>(value, "a machine {hostname, mode, startNanos, durationNanos}");
                        Require(machine.Hostname, "hostname");
                        if (key != MachineKey(machine.Hostname)) throw new FormatException($"hostname: '{machine.Hostname}' is not the key's machine");
                        if (machine.Mode is not (RegisteredMachine.Draining or RegisteredMachine.Down))
                            throw new FormatException($"mode: expected {RegisteredMachine.Draining} or {RegisteredMachine.Down}, found '{machine.Mode}'");
                        if (machine.DurationNanos < 0) throw new FormatException("durationNanos: expected a duration that is not negative (or null: unbounded)");
                        machines.Add(machine);
                        break;
                    case "oversubscribed":
                        var total = Read<RegisteredOversubscribed>(value, "an oversubscribed total {agent, resources}");
                        Require(total.Agent, "agent");
                        if (key != OversubscribedKey(total.Agent)) throw new FormatException($"agent: '{total.Agent}' is not the key's agent");
                        if (Core.Resources.Resources.Parse(Require(total.Resources, "resources")).HasNegative)
                            throw new FormatException($"resources: expected amounts of at least 0, found '{total.Resources}'");
                        oversubscribed.Add(total);
                        break;
                    default:
                        throw new FormatException("expected agents/, frameworks/, tasks/, reservations/, weights/, quota/, machines/ or oversubscribed/ after " + Prefix);
                }
            }
            catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
            {
                problems.Add(new RegistryProblem(key, e.Message));
            }
        }
        return new RegistryContents(agents, frameworks, tasks, reservations, weights, quotas, problems) { Machines = machines, Oversubscribed = oversubscribed };
    }

    private static T Read<T>(string value, string expected)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(value, Json) ?? throw new FormatException($"expected {expected}, found null");
        }
        catch (JsonException e)
        {
            throw new FormatException($"expected {expected} in JSON: {e.Message}");
        }
    }

    private static string Require(string? value, string field) =>
        string.IsNullOrEmpty(value) ? throw new FormatException($"{field}: expected a non-empty string") : value;

    /// <summary>Writes what is queued (for at most <paramref name="timeout"/>), then stops the writer.</summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Pending > 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
    }

    public async ValueTask DisposeAsync()
    {
        _changes.Writer.TryComplete();
        await _stop.CancelAsync();
        await _writer;
        _etcd.Dispose();
        _stop.Dispose();
    }
}
