using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClusterSim.RealAgent.Master.Registry;
using ClusterSim.RealAgent.Tests.Scheduler;
using dotnet_etcd;

namespace ClusterSim.RealAgent.Tests.Live;

/// <summary>
/// The registry in etcd across a master failover, with real processes (etcd, two masters, an agent running
/// Docker containers) and a framework speaking the scheduler API: the new leader recovers weights, quota and
/// the framework's id; the agent re-registers with its running task, whose container keeps running and whose
/// resources stay allocated; the framework re-subscribes with its id and reconciles. An agent that does not
/// come back within --agent-reregistration-timeout is gone and its task LOST.
/// </summary>
[NonParallelizable]
public class RegistryFailoverTests : LiveClusterTest
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private EtcdServer? _etcd;
    protected override bool ClusterPerTest => true;


    [TearDown]
    public void StopEtcd() => _etcd?.Dispose();

    private ClusterProcess StartMaster(string label, params string[] more) =>
        Cluster.Start(label, ["master", "--listen", "http://127.0.0.1:0", "--token-file", Cluster.TokenFile, "--etcd", _etcd!.Url,
            "--leader-ttl", "2s", "--heartbeat", "1s", .. more]);

    private static async Task<string> UrlOf(ClusterProcess master) =>
        (await master.WaitForAsync(@"master listening on (http://127\.0\.0\.1:\d+)", Bound)).Groups[1].Value;

    private HttpClient Operator() => new()
    {
        Timeout = TimeSpan.FromSeconds(10),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", Cluster.Token) },
    };

    private static JsonObject Launch(string offer, string task) => new()
    {
        ["offer_ids"] = new JsonArray(new JsonObject { ["value"] = offer }),
        ["operations"] = new JsonArray(new JsonObject
        {
            ["type"] = "LAUNCH",
            ["launch"] = new JsonObject
            {
                ["task_infos"] = new JsonArray(new JsonObject
                {
                    ["name"] = task,
                    ["task_id"] = new JsonObject { ["value"] = task },
                    ["agent_id"] = new JsonObject { ["value"] = "ignored" },
                    ["resources"] = new JsonArray(
                        new JsonObject { ["name"] = "cpus", ["type"] = "SCALAR", ["scalar"] = new JsonObject { ["value"] = 0.5 } },
                        new JsonObject { ["name"] = "mem", ["type"] = "SCALAR", ["scalar"] = new JsonObject { ["value"] = 64 } }),
                    ["command"] = new JsonObject { ["value"] = "sleep 600" },
                }),
            },
        }),
        ["filters"] = new JsonObject { ["refuse_seconds"] = 0 },
    };

    private static string FirstOfferId(JsonElement offers) =>
        offers.GetProperty("offers").GetProperty("offers")[0].GetProperty("id").GetProperty("value").GetString()!;

    private static double OfferedCpus(JsonElement offers) =>
        offers.GetProperty("offers").GetProperty("offers")[0].GetProperty("resources").EnumerateArray()
            .Where(r => r.GetProperty("name").GetString() == "cpus").Sum(r => r.GetProperty("scalar").GetProperty("value").GetDouble());

    private static Func<JsonElement, bool> Update(string task, string state) => e =>
        e.GetProperty("update").GetProperty("status").GetProperty("task_id").GetProperty("value").GetString() == task
        && e.GetProperty("update").GetProperty("status").GetProperty("state").GetString() == state;

    /// <summary>Starts etcd and two masters (the first leads) and an agent naming both; launches one task of a
    /// framework "web" (failover timeout 60 s) and waits for it to run.</summary>
    private async Task<(ClusterProcess First, string FirstUrl, ClusterProcess Second, string SecondUrl, ClusterProcess Agent, string FrameworkId)>
        StartWithRunningTaskAsync(params string[] secondMasterArguments)
    {
        _etcd = await EtcdServer.StartAsync(Cluster.Folder);
        var first = StartMaster("master 1");
        var firstUrl = await UrlOf(first);
        await first.WaitForAsync("elected leader", Bound);
        var second = StartMaster("master 2", secondMasterArguments);
        var secondUrl = await UrlOf(second);
        await second.WaitForAsync("standing by for leadership", Bound);
        var agent = Cluster.StartAgent(0, $"{firstUrl},{secondUrl}", "cpus:2;mem:1024");
        await agent.WaitForAsync($"registered with {Regex.Escape(firstUrl)}", Bound);

        using var client = new SchedulerClient(new Uri(firstUrl), "clustersim", Cluster.Token) { EventBound = LiveCluster.StartTimeout };
        var (stream, response) = await client.SubscribeAsync(SchedulerClient.SubscribeCall("web", "web", failover: 60));
        if (stream == null) Assert.Fail(await response.Content.ReadAsStringAsync());
        using var events = stream!;
        var offers = await events.NextAsync("OFFERS");
        Assert.That((await events.CallAsync("ACCEPT", Launch(FirstOfferId(offers), "web-0"))).StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        await events.NextAsync("UPDATE", Update("web-0", "TASK_RUNNING"));
        return (first, firstUrl, second, secondUrl, agent, events.FrameworkId);
    }

    [Test]
    public async Task ANewLeader_RecoversTheRegistry_TheAgentsTaskKeepsRunning_AndTheFrameworkComesBackUnderItsId()
    {
        var (first, firstUrl, second, secondUrl, agent, frameworkId) = await StartWithRunningTaskAsync();
        using (var http = Operator())
        {
            Assert.That((await http.PostAsync(firstUrl + "/api/v1/operator/weights", new StringContent("""{"role":"web","weight":3}""", Encoding.UTF8, "application/json"))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await http.PostAsync(firstUrl + "/api/v1/operator/quota", new StringContent("""{"role":"web","guarantee":"cpus:0.5","limit":"cpus:1.5"}""", Encoding.UTF8, "application/json"))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        var container = (await AgentContainersAsync(TestTimeout)).Single();

        first.Kill();
        await second.WaitForAsync("elected leader", Bound);
        await agent.WaitForAsync($"registered with {Regex.Escape(secondUrl)} \\(re-registered; its tasks stay\\)", Bound);
        await second.WaitForAsync($"agent {Cluster.AgentName(0)} re-registered after the master failover with 1 running task", Bound);

        using var client = new SchedulerClient(new Uri(secondUrl), "clustersim", Cluster.Token) { EventBound = LiveCluster.StartTimeout };
        var (stream, response) = await client.SubscribeAsync(SchedulerClient.SubscribeCall("web", "web", failover: 60, id: frameworkId));
        if (stream == null) Assert.Fail(await response.Content.ReadAsStringAsync());
        using var events = stream!;
        Assert.That(events.FrameworkId, Is.EqualTo(frameworkId), "the framework keeps its id");
        await events.CallAsync("RECONCILE", new JsonObject { ["tasks"] = new JsonArray(new JsonObject { ["task_id"] = new JsonObject { ["value"] = "web-0" } }) });
        await events.NextAsync("UPDATE", Update("web-0", "TASK_RUNNING"));
        // The running task still holds 0.5 of the agent's 2 cpus, and the recovered limit (1.5) caps the rest.
        var offers = events.Seen.FirstOrDefault(e => e.GetProperty("type").GetString() == "OFFERS") is { ValueKind: JsonValueKind.Object } seen
            ? seen : await events.NextAsync("OFFERS");
        Assert.That(OfferedCpus(offers), Is.EqualTo(1.0).Within(1e-9));

        using (var http = Operator())
        {
            using var state = JsonDocument.Parse(await http.GetStringAsync(secondUrl + "/state"));
            var web = state.RootElement.GetProperty("roles").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "web");
            Assert.That(web.GetProperty("weight").GetDouble(), Is.EqualTo(3));
            Assert.That(web.GetProperty("guarantee").GetString(), Is.EqualTo("cpus:0.5"));
        }
        var after = (await AgentContainersAsync(TestTimeout)).Single();
        Assert.That((after.ID, after.State), Is.EqualTo((container.ID, "running")), "the task's container ran through the failover");
        Assert.That(second.Output, Does.Not.Contain("registry entry"), "every entry was read");
    }

    private static long NowNanos => (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;

    /// <summary>GET /master/maintenance/schedule: each machine's (mode, start, duration) by hostname.</summary>
    private async Task<Dictionary<string, (string Mode, long Start, long? Duration)>> ScheduleAsync(string masterUrl)
    {
        using var http = Operator();
        using var schedule = JsonDocument.Parse(await http.GetStringAsync(masterUrl + "/master/maintenance/schedule"));
        return schedule.RootElement.GetProperty("windows").EnumerateArray().ToDictionary(
            w => w.GetProperty("machine_ids")[0].GetProperty("hostname").GetString()!,
            w => (w.GetProperty("mode").GetString()!,
                w.GetProperty("unavailability").GetProperty("start").GetProperty("nanoseconds").GetInt64(),
                w.GetProperty("unavailability").TryGetProperty("duration", out var d) ? d.GetProperty("nanoseconds").GetInt64() : (long?)null));
    }

    /// <summary>
    /// The maintenance schedule is kept in the registry as Mesos keeps Registry.schedules and Registry.machines
    /// (src/master/registry.proto): after a failover the new leader has the windows and modes, puts the
    /// DRAINING machine's agent back under its window as it re-registers (the framework running there gets an
    /// inverse offer from the new leader) and keeps the DOWN machine's agent out of the offers.
    /// </summary>
    [Test]
    public async Task TheMaintenanceSchedule_AndADownMachine_SurviveAFailover()
    {
        var (first, firstUrl, second, secondUrl, agent, frameworkId) = await StartWithRunningTaskAsync();
        var spare = Cluster.StartAgent(1, $"{firstUrl},{secondUrl}", "cpus:2;mem:1024");
        await spare.WaitForAsync($"registered with {Regex.Escape(firstUrl)}", Bound);
        long start = NowNanos + 3_600_000_000_000L;
        const long hour = 3_600_000_000_000L;
        JsonObject Window(string machine, long? duration)
        {
            var unavailability = new JsonObject { ["start"] = new JsonObject { ["nanoseconds"] = start } };
            if (duration is { } d) unavailability["duration"] = new JsonObject { ["nanoseconds"] = d };
            return new JsonObject
            {
                ["machine_ids"] = new JsonArray(new JsonObject { ["hostname"] = machine }),
                ["unavailability"] = unavailability,
            };
        }
        using (var http = Operator())
        {
            var schedule = new JsonObject { ["windows"] = new JsonArray(Window(Cluster.AgentName(0), hour), Window(Cluster.AgentName(1), null)) };
            var posted = await http.PostAsync(firstUrl + "/master/maintenance/schedule", new StringContent(schedule.ToJsonString(), Encoding.UTF8, "application/json"));
            Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await posted.Content.ReadAsStringAsync());
            var down = await http.PostAsync(firstUrl + "/master/machine/down", new StringContent($$"""[{"hostname":"{{Cluster.AgentName(1)}}"}]""", Encoding.UTF8, "application/json"));
            Assert.That(down.StatusCode, Is.EqualTo(HttpStatusCode.OK), await down.Content.ReadAsStringAsync());
        }
        var before = await ScheduleAsync(firstUrl);
        // The registry is written behind the leader's back: wait until etcd holds both machines, DOWN included.
        using (var etcd = new EtcdClient(_etcd!.Url))
        {
            var deadline = DateTime.UtcNow + Bound;
            while ((await etcd.GetValAsync(MasterRegistry.MachineKey(Cluster.AgentName(1)))) is not { } value || !value.Contains("\"DOWN\""))
            {
                Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the DOWN machine never reached the registry");
                await Task.Delay(50);
            }
            Assert.That(await etcd.GetValAsync(MasterRegistry.MachineKey(Cluster.AgentName(0))), Does.Contain("\"DRAINING\""));
        }

        first.Kill();
        await second.WaitForAsync("elected leader", Bound);
        await second.WaitForAsync("2 machine\\(s\\) in the maintenance schedule", Bound);
        await second.WaitForAsync($"agent {Cluster.AgentName(0)} re-registered after the master failover with 1 running task", Bound);
        await second.WaitForAsync($"agent {Cluster.AgentName(1)} re-registered after the master failover", Bound);

        var after = await ScheduleAsync(secondUrl);
        Assert.That(after.Keys.Order(), Is.EqualTo(before.Keys.Order()));
        foreach (var (machine, (mode, at, duration)) in before)
        {
            Assert.That(after[machine].Mode, Is.EqualTo(mode), machine);
            // Loop time on each leader, wall time in the registry: the instant survives within the clocks' drift.
            Assert.That(after[machine].Start, Is.EqualTo(at).Within(50_000_000L), machine);
            Assert.That(after[machine].Duration.HasValue, Is.EqualTo(duration.HasValue), machine);
            if (duration is { } d) Assert.That(after[machine].Duration!.Value, Is.EqualTo(d).Within(1_000_000L), machine);
        }
        Assert.That(after[Cluster.AgentName(0)].Mode, Is.EqualTo("DRAINING"));
        Assert.That(after[Cluster.AgentName(1)].Mode, Is.EqualTo("DOWN"));
        Assert.That(after[Cluster.AgentName(0)].Duration!.Value, Is.EqualTo(hour).Within(1_000_000L));
        Assert.That(after[Cluster.AgentName(1)].Duration, Is.Null, "an unbounded window stays unbounded");

        // The framework comes back and hears of the window on the agent where its task runs, from the new leader;
        // the DOWN machine's agent is in none of its offers.
        using var client = new SchedulerClient(new Uri(secondUrl), "clustersim", Cluster.Token) { EventBound = LiveCluster.StartTimeout };
        var (stream, response) = await client.SubscribeAsync(SchedulerClient.SubscribeCall("web", "web", failover: 60, id: frameworkId));
        if (stream == null) Assert.Fail(await response.Content.ReadAsStringAsync());
        using var events = stream!;
        var inverse = await events.NextAsync("INVERSE_OFFERS");
        var offer = inverse.GetProperty("inverse_offers").GetProperty("inverse_offers")[0];
        Assert.That(offer.GetProperty("agent_id").GetProperty("value").GetString(), Is.EqualTo(Cluster.AgentName(0)));
        Assert.That(offer.GetProperty("unavailability").GetProperty("start").GetProperty("nanoseconds").GetInt64(), Is.EqualTo(start).Within(50_000_000L));
        var offers = events.Seen.FirstOrDefault(e => e.GetProperty("type").GetString() == "OFFERS") is { ValueKind: JsonValueKind.Object } seen
            ? seen : await events.NextAsync("OFFERS");
        var offered = offers.GetProperty("offers").GetProperty("offers").EnumerateArray()
            .Select(o => o.GetProperty("agent_id").GetProperty("value").GetString()).ToArray();
        Assert.That(offered, Does.Contain(Cluster.AgentName(0)));
        Assert.That(offered, Does.Not.Contain(Cluster.AgentName(1)), "a DOWN machine is offered nothing");
        Assert.That(second.Output, Does.Not.Contain("registry entry"), "every entry was read");
    }

    [Test]
    public async Task AnAgentThatDoesNotComeBack_IsGone_AndItsTaskIsLost()
    {
        var (first, _, second, secondUrl, agent, frameworkId) = await StartWithRunningTaskAsync("--agent-reregistration-timeout", "3s");
        agent.Kill();
        first.Kill();
        await second.WaitForAsync("elected leader", Bound);
        using var client = new SchedulerClient(new Uri(secondUrl), "clustersim", Cluster.Token) { EventBound = LiveCluster.StartTimeout };
        var (stream, _) = await client.SubscribeAsync(SchedulerClient.SubscribeCall("web", "web", failover: 60, id: frameworkId));
        using var events = stream!;
        var lost = await events.NextAsync("UPDATE", Update("web-0", "TASK_LOST"));
        var status = lost.GetProperty("update").GetProperty("status");
        Assert.That(status.GetProperty("message").GetString(), Does.Contain("did not re-register"));
        // As Mesos's master reports the tasks of an agent it removes (src/master/master.cpp, __removeSlave).
        Assert.That((status.GetProperty("reason").GetString(), status.GetProperty("source").GetString()),
            Is.EqualTo(("REASON_AGENT_REMOVED", "SOURCE_MASTER")));
        await second.WaitForAsync($"agent {Cluster.AgentName(0)} did not re-register after the master failover; it is gone", Bound);
    }

    [Test]
    public async Task ThePythonFramework_FindsTheLeader_AndComesBackUnderItsIdAfterAFailover()
    {
        var python = new[] { "/usr/bin/python3", "/usr/local/bin/python3" }.FirstOrDefault(File.Exists);
        if (python == null)
        {
            const string reason = "python3 is not installed; tools/test.sh installs it with apt when run as root.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(reason);
            Assert.Ignore(reason);
        }
        _etcd = await EtcdServer.StartAsync(Cluster.Folder);
        var first = StartMaster("master 1");
        var firstUrl = await UrlOf(first);
        await first.WaitForAsync("elected leader", Bound);
        var second = StartMaster("master 2");
        var secondUrl = await UrlOf(second);
        await second.WaitForAsync("standing by for leadership", Bound);
        var agent = Cluster.StartAgent(0, $"{firstUrl},{secondUrl}", "cpus:2;mem:1024");
        await agent.WaitForAsync("registered with", Bound);

        // The standby first: the framework follows its 307 to the leader.
        var script = Path.Combine(LiveCluster.RepositoryRoot, "examples", "python-framework", "framework.py");
        using var framework = ClusterProcess.StartProgram("python framework", python!,
            [script, "--master", $"{secondUrl},{firstUrl}", "--principal", "clustersim", "--secret-file", Cluster.TokenFile,
             "--role", "batch", "--tasks", "2", "--cpus", "0.1", "--mem", "32", "--name", "py", "--command", "sleep 8"], Cluster.Folder);
        await framework.WaitForAsync("(?s)TASK_RUNNING.*TASK_RUNNING", Bound);

        first.Kill();
        await framework.WaitForAsync($"re-subscribed as framework 0 at {Regex.Escape(secondUrl)}", Bound);
        int exit = await framework.WaitForExitAsync(Bound);
        Assert.That(exit, Is.Zero, framework.Output);
        Assert.That(framework.Output, Does.Contain("done: 2 finished, 0 failed of 2"));
        Assert.That(framework.Output, Does.Contain("subscribing again as framework 0"));
    }

    [Test]
    public async Task ARegistryEntryThatCannotBeParsed_IsReportedWithItsKey()
    {
        _etcd = await EtcdServer.StartAsync(Cluster.Folder);
        using (var etcd = new EtcdClient(_etcd.Url))
            await etcd.PutAsync(MasterRegistry.AgentKey("broken"), "{not json");
        var master = StartMaster("master");
        await master.WaitForAsync("elected leader", Bound);
        Assert.That(master.Output, Does.Contain($"error: registry entry {MasterRegistry.AgentKey("broken")}: expected an agent"));
        Assert.That(master.Output, Does.Not.Contain("   at "), "no stack trace");
    }
}
