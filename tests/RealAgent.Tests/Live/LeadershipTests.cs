using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ClusterSim.RealAgent.Tests.Live;

/// <summary>
/// Masters electing a leader through etcd (<c>clustersim master --etcd</c>), as separate processes with an etcd
/// of the test's own on 127.0.0.1: one leads, the others redirect to it and name it in /state; when the leader
/// dies another takes over; a leader that loses etcd steps down. etcd comes from PATH (tools/setup-etcd.sh
/// installs Debian's etcd-server as root); without it these tests are ignored, except under CI=true.
/// </summary>
[NonParallelizable]
public class LeadershipTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private LiveCluster _cluster = null!;
    private EtcdServer? _etcd;
    private string _etcdUrl = "";

    [SetUp]
    public async Task StartEtcdAsync()
    {
        _cluster = new LiveCluster();
        _etcd = await EtcdServer.StartAsync(_cluster.Folder);
        _etcdUrl = _etcd.Url;
    }

    [TearDown]
    public void StopEverything()
    {
        _cluster?.Dispose();
        _etcd?.Dispose();
    }

    private ClusterProcess StartMaster(string label) =>
        _cluster.Start(label, "master", "--listen", "http://127.0.0.1:0", "--token-file", _cluster.TokenFile, "--etcd", _etcdUrl, "--leader-ttl", "2s");

    private static async Task<string> UrlOf(ClusterProcess master) =>
        (await master.WaitForAsync(@"master listening on (http://127\.0\.0\.1:\d+)", Bound)).Groups[1].Value;

    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(10),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", _cluster.Token) },
    };

    private async Task<string?> LeaderNamedBy(string master)
    {
        using var http = Client();
        using var state = JsonDocument.Parse(await http.GetStringAsync(master + "/state"));
        return state.RootElement.TryGetProperty("leader", out var leader) ? leader.GetString() : null;
    }

    [Test]
    public async Task ClientsGivenEtcd_FindTheCampaigningMasters_LeaderFirst()
    {
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => RealAgent.Master.EtcdMasterDirectory.MastersAsync(_etcdUrl));
        Assert.That(error!.Message, Does.Contain(_etcdUrl).And.Contain("no master campaigns"));

        var first = StartMaster("master 1");
        var firstUrl = await UrlOf(first);
        await first.WaitForAsync("elected leader", Bound);
        var second = StartMaster("master 2");
        var secondUrl = await UrlOf(second);
        await second.WaitForAsync("standing by for leadership", Bound);

        // The standby's campaign key may still be on its way; the leader's is there and comes first.
        Assert.That(await RealAgent.Master.EtcdMasterDirectory.MastersAsync(_etcdUrl), Does.StartWith(firstUrl));

        // Once the second leads, the first's key is gone (etcd elects the next campaigner only then).
        first.Kill();
        await second.WaitForAsync("elected leader", Bound);
        Assert.That(await RealAgent.Master.EtcdMasterDirectory.MastersAsync(_etcdUrl), Is.EqualTo(secondUrl));
    }

    [Test]
    public async Task OneMasterLeads_TheOtherRedirectsToIt_AndTakesOverWhenItDies()
    {
        var first = StartMaster("master 1");
        var firstUrl = await UrlOf(first);
        await first.WaitForAsync("elected leader", Bound);
        var second = StartMaster("master 2");
        var secondUrl = await UrlOf(second);
        await second.WaitForAsync("standing by for leadership", Bound);

        Assert.That(await LeaderNamedBy(firstUrl), Is.EqualTo(firstUrl));
        Assert.That(await LeaderNamedBy(secondUrl), Is.EqualTo(firstUrl), "a standby names the leader in /state");
        using (var http = Client())
        {
            var call = await http.PostAsync(secondUrl + "/api/v1/scheduler?x=1", new StringContent("{}", Encoding.UTF8, "application/json"));
            Assert.That(call.StatusCode, Is.EqualTo(HttpStatusCode.TemporaryRedirect));
            Assert.That(call.Headers.Location?.ToString(), Is.EqualTo(firstUrl + "/api/v1/scheduler?x=1"));
        }
        Assert.That(second.Output, Does.Not.Contain("elected leader"), "exactly one master leads");

        first.Kill();
        await second.WaitForAsync("elected leader", Bound);
        Assert.That(await LeaderNamedBy(secondUrl), Is.EqualTo(secondUrl));
    }

    [Test]
    public async Task AnAgentNamingEveryMaster_RegistersWithTheLeader_AndWithTheNextOneWhenItDies()
    {
        var first = StartMaster("master 1");
        var firstUrl = await UrlOf(first);
        await first.WaitForAsync("elected leader", Bound);
        var second = StartMaster("master 2");
        var secondUrl = await UrlOf(second);
        await second.WaitForAsync("standing by for leadership", Bound);

        // The standby first: the agent is redirected to the leader.
        var agent = _cluster.Start("agent", "agent", "--master", $"{secondUrl},{firstUrl}", "--listen", "http://127.0.0.1:0",
            "--name", _cluster.AgentName(0), "--resources", "cpus:1;mem:512", "--token-file", _cluster.TokenFile);
        await agent.WaitForAsync($"registered with {Regex.Escape(firstUrl)}", Bound);
        Assert.That(await AgentsOf(firstUrl), Is.EqualTo(new[] { _cluster.AgentName(0) }));

        first.Kill();
        await second.WaitForAsync("elected leader", Bound);
        await agent.WaitForAsync($"registered with {Regex.Escape(secondUrl)}", Bound);
        Assert.That(await AgentsOf(secondUrl), Is.EqualTo(new[] { _cluster.AgentName(0) }));
    }

    [Test]
    public async Task AnAgent_FindsTheNewLeader_WhenItsWatchBreaks_NotAtItsNextHeartbeat()
    {
        // Heartbeats every 10 minutes: only the watch on the leader can bring the agent to the next one in time.
        ClusterProcess Master(string label) => _cluster.Start(label, "master", "--listen", "http://127.0.0.1:0", "--token-file", _cluster.TokenFile,
            "--etcd", _etcdUrl, "--leader-ttl", "2s", "--heartbeat", "10m", "--missed-heartbeats", "1");
        var first = Master("master 1");
        var firstUrl = await UrlOf(first);
        await first.WaitForAsync("elected leader", Bound);
        var second = Master("master 2");
        var secondUrl = await UrlOf(second);
        await second.WaitForAsync("standing by for leadership", Bound);
        var agent = _cluster.Start("agent", "agent", "--master", $"{firstUrl},{secondUrl}", "--listen", "http://127.0.0.1:0",
            "--name", _cluster.AgentName(0), "--resources", "cpus:1;mem:512", "--token-file", _cluster.TokenFile);
        await agent.WaitForAsync($"registered with {Regex.Escape(firstUrl)}", Bound);

        first.Kill();
        await second.WaitForAsync($"agent {_cluster.AgentName(0)} re-registered after the master failover", Bound);
    }

    private async Task<string[]> AgentsOf(string master)
    {
        using var http = Client();
        using var state = JsonDocument.Parse(await http.GetStringAsync(master + "/state"));
        return state.RootElement.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("name").GetString()!).ToArray();
    }

    [Test]
    public async Task ALeaderThatLosesEtcd_StepsDown_AnswersNoLeader_AndLeadsAgainWhenEtcdReturns()
    {
        var master = StartMaster("master");
        var url = await UrlOf(master);
        await master.WaitForAsync("elected leader", Bound);
        _etcd!.Kill();
        await master.WaitForAsync("lost its leadership; it makes no more offers", Bound);
        using (var http = Client())
        {
            var call = await http.PostAsync(url + "/api/v1/scheduler", new StringContent("{}", Encoding.UTF8, "application/json"));
            Assert.That(call.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "no leader while etcd is away");
            Assert.That(await call.Content.ReadAsStringAsync(), Does.Contain("no master leads"));
            Assert.That(await LeaderNamedBy(url), Is.Null);
        }
        Assert.That(master.HasExited, Is.False, "the master stays up as a standby");

        await _etcd.RestartAsync();
        await master.WaitForAsync("(?s)lost its leadership.*elected leader", Bound);
        Assert.That(await LeaderNamedBy(url), Is.EqualTo(url));
    }

    [Test]
    public async Task ALeaderWhoseEtcdHangs_StepsDown_AndLeadsAgainWhenEtcdAnswers()
    {
        // A hung etcd accepts connections and answers nothing: only a bound on each check of the lease notices.
        var master = StartMaster("master");
        await master.WaitForAsync("elected leader", Bound);
        _etcd!.Freeze(true);
        await master.WaitForAsync("lost its leadership; it makes no more offers", Bound);
        Assert.That(master.HasExited, Is.False, "the master stays up as a standby");
        _etcd.Freeze(false);
        await master.WaitForAsync("(?s)lost its leadership.*elected leader", Bound);
    }

    [Test]
    public async Task EtcdUnreachableAtStart_IsOneLineNamingTheAddress()
    {
        var nowhere = $"http://127.0.0.1:{LiveCluster.FreePort()}";
        var master = _cluster.Start("master", "master", "--listen", "http://127.0.0.1:0", "--token-file", _cluster.TokenFile, "--etcd", nowhere);
        int exit = await master.WaitForExitAsync(Bound);
        Assert.That(exit, Is.EqualTo(2), master.Output);
        Assert.That(master.Output, Does.Contain($"--etcd {nowhere}: etcd did not answer"));
        Assert.That(master.Output, Does.Not.Contain("   at "), "no stack trace");
    }
}
