using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ClusterSim.RealAgent.Tests.Live;

/// <summary>
/// The example framework of examples/python-framework, run with python3 against a standing master
/// (<c>clustersim master --acls</c>, with principals for the agent and the framework) and one agent, as a
/// client author would run it: it subscribes over
/// the scheduler API, launches its tasks as containers, acknowledges their updates, tears itself down and
/// says by its exit status whether every task finished. python3 comes from PATH (tools/test.sh installs it
/// as root); without it the tests are ignored, except under CI=true, where they fail.
/// </summary>
[NonParallelizable]
public class PythonFrameworkTests : LiveClusterTest
{
    private static readonly TimeSpan FrameworkTimeout = TimeSpan.FromSeconds(120);

    private string _python = "";
    private string _masterUrl = "";
    private string _frameworkSecret = "";
    private string _opsSecret = "";

    private static string Script => Path.Combine(LiveCluster.RepositoryRoot, "examples", "python-framework", "framework.py");

    [OneTimeSetUp]
    public async Task StartClusterAsync()
    {
        _python = FindOnPath("python3") ?? Unavailable("python3 is not on PATH; tools/test.sh installs it with apt when run as root.");
        // A 2 s heartbeat puts HEARTBEAT events on the framework's stream while its tasks run; 15 missed
        // ones (30 s) keep the agent registered on a busy machine.
        var acls = Cluster.WriteSecret("acls.yaml", """
            principals:
              ops:       { secret: "s3cret-ops", operator: true }
              agents:    { secret: "s3cret-agents", agent: true }
              analytics: { secret: "s3cret-an", roles: [batch] }
            """);
        _frameworkSecret = Cluster.WriteSecret("analytics.secret", "s3cret-an");
        _opsSecret = "s3cret-ops";
        var master = Cluster.Start("master", "master", "--listen", "http://127.0.0.1:0", "--acls", acls,
            "--heartbeat", "2s", "--missed-heartbeats", "15");
        _masterUrl = (await master.WaitForAsync(@"master listening on (http://127\.0\.0\.1:\d+)", LiveCluster.StartTimeout)).Groups[1].Value;
        var agent = Cluster.StartAgent(0, _masterUrl, credentials: ["--principal", "agents", "--secret-file", Cluster.WriteSecret("agents.secret", "s3cret-agents")]);
        await agent.WaitForAsync("registered with", LiveCluster.StartTimeout);
    }

    [Test]
    public async Task TasksThatSucceed_AllFinish_AndTheFrameworkExitsZeroAndLeaves()
    {
        using var framework = StartFramework("succeeds", "--tasks", "3", "--command", "true");

        int exit = await framework.WaitForExitAsync(FrameworkTimeout);

        Assert.That(exit, Is.Zero, framework.Output);
        var frameworks = await FrameworkNamesAsync();
        Assert.Multiple(() =>
        {
            Assert.That(framework.Output, Does.Contain("done: 3 finished, 0 failed of 3"));
            foreach (var task in new[] { "succeeds-0", "succeeds-1", "succeeds-2" })
                Assert.That(framework.Output, Does.Contain($"task {task}: TASK_FINISHED"));
            Assert.That(framework.Output, Does.Contain("torn down"));
            Assert.That(framework.Output, Does.Not.Contain("warning"), "every call was answered 202");
            Assert.That(frameworks, Does.Not.Contain("succeeds"), "TEARDOWN removed the framework from the master");
        });
    }

    [Test]
    public async Task TasksThatExitNonZero_AreReportedFailed_AndTheFrameworkExitsOne()
    {
        using var framework = StartFramework("fails", "--tasks", "2", "--command", "exit 3");

        int exit = await framework.WaitForExitAsync(FrameworkTimeout);

        Assert.That(exit, Is.EqualTo(1), framework.Output);
        Assert.Multiple(() =>
        {
            Assert.That(framework.Output, Does.Contain("TASK_FAILED (the command exited with code 3)"));
            Assert.That(framework.Output, Does.Contain("done: 0 finished, 2 failed of 2"));
            Assert.That(framework.Output, Does.Contain("torn down"));
        });
    }

    [Test]
    public async Task MissingArguments_AreAUsageError()
    {
        using var framework = ClusterProcess.StartProgram("python framework", _python, [Script, "--master", _masterUrl], Cluster.Folder);

        int exit = await framework.WaitForExitAsync(FrameworkTimeout);

        Assert.That(exit, Is.EqualTo(2), framework.Output);
        Assert.That(framework.Output, Does.Contain("the following arguments are required: --principal"));
    }

    private ClusterProcess StartFramework(string name, params string[] arguments) =>
        ClusterProcess.StartProgram($"python framework {name}", _python,
            [Script, "--master", _masterUrl, "--principal", "analytics", "--secret-file", _frameworkSecret, "--role", "batch",
             "--cpus", "0.1", "--mem", "32", "--name", name, .. arguments],
            Cluster.Folder);

    private async Task<string[]> FrameworkNamesAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, _masterUrl + "/state");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("ops:" + _opsSecret)));
        using var response = await http.SendAsync(request, TestTimeout);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var state = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestTimeout));
        return state.RootElement.GetProperty("frameworks").EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToArray();
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    private static string Unavailable(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail($"{reason} CI=true, so the Python framework tests must run.");
        Assert.Ignore(reason);
        return "";
    }
}
