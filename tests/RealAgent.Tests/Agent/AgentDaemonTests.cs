using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ClusterSim.RealAgent.Agent;
using ClusterSim.RealAgent.Containers;
using ClusterSim.RealAgent.Protocol;
using ClusterSim.RealAgent.Security;

namespace ClusterSim.RealAgent.Tests.Agent;

/// <summary>
/// The daemon between a master that speaks the live protocol over HTTP (<see cref="RecordingMaster"/>) and
/// the in-memory runtime: registration, launches, status updates resent until acknowledged, orphans.
/// </summary>
public class AgentDaemonTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private static readonly BearerToken Token = new("daemon-test-token");

    private FakeContainerRuntime _runtime = null!;
    private RecordingMaster _master = null!;
    private AgentDaemon _daemon = null!;
    private CancellationTokenSource _stop = null!;
    private Task _run = null!;
    private HttpClient _http = null!;

    [SetUp]
    public void CreateRuntime()
    {
        _runtime = new FakeContainerRuntime();
        _stop = new CancellationTokenSource();
        _http = new HttpClient { Timeout = Bound };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token.Value);
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_run != null) await _run.WaitAsync(Bound);
        if (_daemon != null) await _daemon.DisposeAsync();
        if (_master != null) await _master.DisposeAsync();
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task<AgentRegistration> StartAsync(RecordingMaster master, string? resources = "cpus:2;mem:2048", TimeSpan? oversubscriptionInterval = null)
    {
        _master = master;
        await _master.StartAsync(Token);
        // Registered once the agent has the master's reply (and so has killed any orphans), not when the
        // master has the request: a master launches nothing before it has answered.
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _daemon = new AgentDaemon(new AgentOptions("a1", _master.Address.ToString(), "http://127.0.0.1:0", Token)
        {
            Resources = resources,
            ResendInterval = TimeSpan.FromMilliseconds(10),
            OversubscriptionInterval = oversubscriptionInterval,
            Log = line =>
            {
                if (line.StartsWith("agent a1 registered with", StringComparison.Ordinal)) registered.TrySetResult();
            },
        }, _runtime);
        _run = _daemon.RunAsync(_stop.Token);
        var registration = await _master.Registrations.Reader.ReadAsync().AsTask().WaitAsync(Bound);
        await registered.Task.WaitAsync(Bound);
        return registration;
    }

    private async Task<TaskStatusReport> NextStatusAsync() => await _master.Statuses.Reader.ReadAsync().AsTask().WaitAsync(Bound);

    [Test]
    public async Task Register_NamesTheAgentItsAddressAndResources()
    {
        var registration = await StartAsync(new RecordingMaster());

        Assert.That((registration.Name, registration.Resources), Is.EqualTo(("a1", "cpus:2;mem:2048")));
        Assert.That(registration.Url, Is.EqualTo(_daemon.Address.ToString().TrimEnd('/')));
    }

    [Test]
    public async Task Register_WithoutResourcesGiven_OffersTheHostLessWhatIsKeptBack()
    {
        _runtime.Capacity = new HostCapacity(4, 8L << 30);

        var registration = await StartAsync(new RecordingMaster(), resources: null);

        Assert.That(registration.Resources, Is.EqualTo("cpus:3.5;mem:7680"), "0.5 cpus and 512 MB kept back by default");
    }

    [Test]
    public async Task Launch_OverHttp_StatusIsResentUntilAcknowledged_ThenTheContainerIsRemoved()
    {
        await StartAsync(new RecordingMaster { RefuseStatuses = 2 });

        using var launched = await _http.PostAsJsonAsync(new Uri(_daemon.Address, "api/tasks/launch"),
            new TaskLaunch(1, "etl", "etl-0/0", 0.5, 64, 30, "clustersim/busybox:local", null), ProtocolJson.Options);
        var first = await NextStatusAsync();
        var second = await NextStatusAsync();
        var third = await NextStatusAsync();
        var id = _runtime.Ids.Single();
        _runtime.Exit(id, 0);
        var finished = await NextStatusAsync();
        await _runtime.RemovedAsync(id).WaitAsync(Bound);

        Assert.That(launched.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(new[] { first, second, third }.Select(s => (s.TaskId, s.State)), Has.All.EqualTo(("etl-0/0", "RUNNING")));
        Assert.That(new[] { second.Uuid, third.Uuid }, Has.All.EqualTo(first.Uuid), "the same update, resent");
        Assert.That(finished.State, Is.EqualTo("FINISHED"));
    }

    [Test]
    public async Task State_OverHttp_ListsTheTasks()
    {
        await StartAsync(new RecordingMaster());
        using var launched = await _http.PostAsJsonAsync(new Uri(_daemon.Address, "api/tasks/launch"),
            new TaskLaunch(1, "etl", "etl-0/0", 0.5, 64, 30, "clustersim/busybox:local", null), ProtocolJson.Options);
        await NextStatusAsync();

        using var state = JsonDocument.Parse(await _http.GetStringAsync(new Uri(_daemon.Address, "state")));

        var root = state.RootElement;
        Assert.That(root.GetProperty("name").GetString(), Is.EqualTo("a1"));
        Assert.That(root.GetProperty("resources").GetString(), Is.EqualTo("cpus:2;mem:2048"));
        var task = root.GetProperty("tasks")[0];
        Assert.That(task.GetProperty("taskId").GetString(), Is.EqualTo("etl-0/0"));
        Assert.That(task.GetProperty("frameworkId").GetInt32(), Is.EqualTo(1));
        Assert.That(task.GetProperty("container").GetString(), Is.EqualTo(_runtime.Ids.Single()));
        Assert.That(task.TryGetProperty("final", out _), Is.False, "still running");
    }

    [Test]
    public async Task Restart_MasterNoLongerKnowsTheAgent_ContainersTakenBackAreKilledAndRemoved()
    {
        var orphan = _runtime.Add(new Dictionary<string, string>
        {
            [ContainerLabels.Agent] = "a1",
            [ContainerLabels.Framework] = "etl",
            [ContainerLabels.FrameworkId] = "1",
            [ContainerLabels.Task] = "etl-0/0",
        }, ContainerPhase.Running);

        await StartAsync(new RecordingMaster { Reply = new RegistrationReply(Reregistered: false, HeartbeatSeconds: 3600) });
        await _runtime.RemovedAsync(orphan).WaitAsync(Bound);

        Assert.That(_runtime.Kills, Is.EqualTo(new[] { orphan }));
    }

    [Test]
    public async Task Restart_MasterStillKnowsTheAgent_ContainersTakenBackRunOn()
    {
        var running = _runtime.Add(new Dictionary<string, string>
        {
            [ContainerLabels.Agent] = "a1",
            [ContainerLabels.Framework] = "etl",
            [ContainerLabels.FrameworkId] = "1",
            [ContainerLabels.Task] = "etl-0/0",
        }, ContainerPhase.Running);

        await StartAsync(new RecordingMaster { Reply = new RegistrationReply(Reregistered: true, HeartbeatSeconds: 3600) });
        var status = await NextStatusAsync();

        Assert.That((status.TaskId, status.State), Is.EqualTo(("etl-0/0", "RUNNING")));
        Assert.That(_runtime.Kills, Is.Empty);
        Assert.That(_runtime.Exists(running), Is.True);
    }

    [Test]
    public async Task AfterRegisteringAgain_TheAgentReSendsItsUnchangedOversubscribedTotal()
    {
        // Heartbeats every 50 ms and an estimate every 20 ms; the agent runs nothing, so its total stays none.
        await StartAsync(new RecordingMaster { Reply = new RegistrationReply(Reregistered: false, HeartbeatSeconds: 0.05) },
            oversubscriptionInterval: TimeSpan.FromMilliseconds(20));
        var first = await _master.Oversubscribed.Reader.ReadAsync().AsTask().WaitAsync(Bound);

        _master.ForgetAgent();
        await _master.Registrations.Reader.ReadAsync().AsTask().WaitAsync(Bound);
        var again = await _master.Oversubscribed.Reader.ReadAsync().AsTask().WaitAsync(Bound);

        Assert.That((first.Resources, again.Resources), Is.EqualTo(("", "")),
            "reported once at start, and once more after the registration although unchanged (Mesos's forwardOversubscribed)");
    }
}
