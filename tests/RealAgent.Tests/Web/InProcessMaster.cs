using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClusterSim.Allocators;
using ClusterSim.Core.Allocation;
using ClusterSim.Core.Cluster;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Oversubscription;
using ClusterSim.Core.Tasks;
using ClusterSim.Core.Timing;
using ClusterSim.RealAgent.Live;
using ClusterSim.RealAgent.Master;
using ClusterSim.RealAgent.Protocol;
using ClusterSim.RealAgent.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.RealAgent.Tests.Web;

/// <summary>
/// A live master in this process, as <c>clustersim master</c> runs it (LiveLoop, Master, MasterHost on
/// 127.0.0.1 port 0), authenticating principals from an ACL: an operator, an agent principal and a framework
/// principal. A stand-in agent daemon answers launches with 202, so launched tasks stay where the test puts
/// them. Everything stops on dispose.
/// </summary>
public sealed class InProcessMaster : IAsyncDisposable
{
    public const string Operator = "ops";
    public const string OperatorSecret = "ops-secret-7f3a";
    private const string AgentPrincipal = "agents";
    private const string AgentSecret = "agents-secret-91c2";

    private readonly LiveLoop _loop = new();
    private readonly MasterHost _host;
    private readonly WebApplication _agentDaemon;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private Core.Cluster.Master? _master;

    private InProcessMaster(MasterHost host, WebApplication agentDaemon)
    {
        _host = host;
        _agentDaemon = agentDaemon;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AgentPrincipal}:{AgentSecret}")));
    }

    public Uri Address => _host.Address;

    /// <summary>Where the stand-in agent daemon listens; every agent the test registers points here.</summary>
    public string AgentUrl { get; private set; } = "";

    /// <param name="heartbeatInterval">How often agents are expected to heartbeat (15 s, Mesos's default, when null).</param>
    /// <param name="oversubscription">The allocator offers agents' reported revocable totals, as
    /// <c>clustersim master --oversubscription</c> builds it (StandingAllocator).</param>
    /// <param name="maxMissedHeartbeats">Heartbeats an agent may miss before it is marked unreachable (so many
    /// that nobody is, when null: removal is not what most of these tests watch).</param>
    public static async Task<InProcessMaster> StartAsync(CancellationToken cancellationToken, TimeSpan? heartbeatInterval = null,
        bool oversubscription = false, int? maxMissedHeartbeats = null)
    {
        var token = new BearerToken("web-ui-test-token");
        var acl = AccessControlList.Of(
            (new Principal(Operator, Operator: true, Agent: false, new SortedSet<string>(StringComparer.Ordinal)), OperatorSecret),
            (new Principal(AgentPrincipal, Operator: false, Agent: true, new SortedSet<string>(StringComparer.Ordinal)), AgentSecret),
            (new Principal("analytics", Operator: false, Agent: false, new SortedSet<string>(["analytics"], StringComparer.Ordinal)), "an-secret-55d0"));
        var host = new MasterHost(new MasterHostOptions("http://127.0.0.1:0", token)
        {
            Acl = acl,
            HeartbeatInterval = heartbeatInterval ?? TimeSpan.FromSeconds(15),
            MaxMissedHeartbeats = maxMissedHeartbeats ?? 1000,
            Log = _ => { },
        });
        // The master calls an agent as the principal the agent registered with.
        var agentDaemon = EmbeddedServer.Build("http://127.0.0.1:0", new RequestAuthentication(acl, new WebSessions()));
        agentDaemon.MapPost("/api/tasks/launch", () => Results.StatusCode(StatusCodes.Status202Accepted));
        agentDaemon.MapPost("/api/tasks/kill", () => Results.StatusCode(StatusCodes.Status202Accepted));
        var master = new InProcessMaster(host, agentDaemon);
        try
        {
            master.AgentUrl = (await EmbeddedServer.StartAsync(agentDaemon, "http://127.0.0.1:0", cancellationToken)).ToString().TrimEnd('/');
            await host.StartAsync(cancellationToken);
            master._loop.Start();
            var options = new AllocationOptions();
            master._master = await master._loop.InvokeAsync(() =>
            {
                var m = new Core.Cluster.Master(master._loop, StandingAllocator.Create(master._loop, options, AllocationPolicy.Default, oversubscription), options);
                host.Attach(master._loop, m);
                m.Start();
                return m;
            });
            return master;
        }
        catch
        {
            await master.DisposeAsync();
            throw;
        }
    }

    /// <summary>Registers an agent over HTTP, as the agent daemon does.</summary>
    /// <param name="tasks">The tasks the agent says it runs (a re-registration's).</param>
    public async Task RegisterAgentAsync(string name, string resources, CancellationToken cancellationToken, IReadOnlyList<RunningTask>? tasks = null)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(Address, "/api/agents/register"),
            new AgentRegistration(name, AgentUrl, resources, null) { Tasks = tasks }, ProtocolJson.Options, cancellationToken);
        Assert.That(response.IsSuccessStatusCode, $"register {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    /// <summary>Reports the agent's oversubscribed (revocable) total over HTTP, as the agent daemon does.</summary>
    public async Task ReportOversubscribedAsync(string agent, string resources, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(Address, $"/api/agents/{Uri.EscapeDataString(agent)}/oversubscribed"),
            new OversubscribedReport(resources), ProtocolJson.Options, cancellationToken);
        Assert.That(response.IsSuccessStatusCode, $"oversubscribed of {agent}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    public async Task HeartbeatAsync(string agent, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync(new Uri(Address, $"/api/agents/{Uri.EscapeDataString(agent)}/heartbeat"), null, cancellationToken);
        Assert.That(response.IsSuccessStatusCode, $"heartbeat of {agent}: {(int)response.StatusCode}");
    }

    /// <summary>GET /state, as an operator's script reads it.</summary>
    public async Task<JsonElement> StateAsync(CancellationToken cancellationToken)
    {
        var json = await _http.GetStringAsync(new Uri(Address, "/state"), cancellationToken);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    /// <summary>Reports a task's state over HTTP, as the agent daemon does.</summary>
    public async Task ReportStatusAsync(string agent, FrameworkId framework, string task, TaskState state, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(Address, $"/api/agents/{Uri.EscapeDataString(agent)}/status"),
            new TaskStatusReport(framework.Value, task, state.Name(), null, Guid.NewGuid().ToString(), null), ProtocolJson.Options, cancellationToken);
        Assert.That(response.IsSuccessStatusCode, $"status of {task}: {(int)response.StatusCode}");
    }

    /// <summary>Runs <paramref name="action"/> on the master's loop, as every caller of the master must.</summary>
    public Task<T> OnLoopAsync<T>(Func<Core.Cluster.Master, T> action) => _loop.InvokeAsync(() => action(_master!));

    /// <summary>
    /// Launches one task of <paramref name="size"/> on the framework's outstanding offers of
    /// <paramref name="agent"/>; false when it holds none or the task did not launch.
    /// </summary>
    /// <param name="revocable">Launch on the framework's revocable offers of the agent rather than its regular ones.</param>
    public Task<bool> TryLaunchAsync(FrameworkId framework, string agent, string task, R size, bool revocable = false) => OnLoopAsync(m =>
    {
        var offers = m.OutstandingOffers(framework).Where(o => o.AgentInfo.Name == agent && RevocableResources.IsRevocable(o) == revocable)
            .Select(o => o.Id).ToArray();
        if (offers.Length == 0) return false;
        return m.Accept(framework, offers, [new TaskSpec(new TaskId(task), size, Duration.Forever)], OfferFilter.None) == AcceptOutcome.Launched;
    });

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _loop.Dispose();
        await EmbeddedServer.StopAsync(_agentDaemon);
        _http.Dispose();
    }
}
