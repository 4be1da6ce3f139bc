using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ClusterSim.RealAgent.Tests.Live;

/// <summary>
/// <c>clustersim run experiments/live-small.yaml --live --master URL --principal runner --secret-file F</c>
/// against a standing master (<c>clustersim master --acls</c>) with two agents, all separate processes on
/// 127.0.0.1: the experiment's frameworks subscribe over the scheduler API, run their work on that master's
/// agents, write the same outputs as a simulation (mode live), and leave the master as they found it.
/// </summary>
[NonParallelizable]
public class StandingMasterRunTests : LiveClusterTest
{
    private string _out = "";
    private int _exit;
    private string _output = "";
    private string _masterUrl = "";

    [OneTimeSetUp]
    public async Task RunAgainstStandingMasterAsync()
    {
        var acls = Cluster.WriteSecret("acls.yaml", """
            principals:
              ops:    { secret: "s3cret-ops", operator: true }
              agents: { secret: "s3cret-agents", agent: true }
              runner: { secret: "s3cret-runner", roles: [analytics, research] }
            """);
        var master = Cluster.Start("master", "master", "--listen", "http://127.0.0.1:0", "--acls", acls);
        _masterUrl = (await master.WaitForAsync(@"master listening on (http://127\.0\.0\.1:\d+)", LiveCluster.StartTimeout)).Groups[1].Value;
        var agentSecret = Cluster.WriteSecret("agents.secret", "s3cret-agents");
        for (int i = 0; i < 2; i++)
            await Cluster.StartAgent(i, _masterUrl, credentials: ["--principal", "agents", "--secret-file", agentSecret])
                .WaitForAsync("registered with", LiveCluster.StartTimeout);

        _out = Path.Combine(Cluster.Folder, "live");
        var experiment = Path.Combine(LiveCluster.RepositoryRoot, "experiments", "live-small.yaml");
        var run = Cluster.Start("run --live --master", "run", experiment, "--live", "--master", _masterUrl, "--principal", "runner",
            "--secret-file", Cluster.WriteSecret("runner.secret", "s3cret-runner"), "--out", _out);
        _exit = await run.WaitForExitAsync(RunTimeout);
        _output = run.Output;
    }

    [Test]
    public void EveryTaskFinished_OnTheStandingMastersAgents()
    {
        Assert.That(_exit, Is.Zero, _output);
        var tasks = TaskRows(_out);
        Assert.Multiple(() =>
        {
            Assert.That(tasks, Has.Count.EqualTo(30));
            Assert.That(tasks.Select(t => t["state"]), Has.All.EqualTo("FINISHED"));
            Assert.That(tasks.Select(t => t["agent"]).Distinct().Order(), Is.EqualTo(new[] { Cluster.AgentName(0), Cluster.AgentName(1) }));
        });
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "run.json")));
        Assert.That(json.RootElement.GetProperty("mode").GetString(), Is.EqualTo("live"));
        Assert.That(File.Exists(Path.Combine(_out, "compare", "compare.html")), Is.True, "the fidelity comparison is written as with a master of the run's own");
    }

    [Test]
    public async Task TheRunsFrameworks_LeaveTheMaster_WhenTheRunEnds()
    {
        Assert.That(_exit, Is.Zero, _output);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:s3cret-ops")));
        using var state = JsonDocument.Parse(await http.GetStringAsync(_masterUrl + "/state", TestTimeout));
        Assert.That(state.RootElement.GetProperty("frameworks").GetArrayLength(), Is.Zero);
        Assert.That(state.RootElement.GetProperty("agents").GetArrayLength(), Is.EqualTo(2), "the master stands and keeps its agents");
    }
}
