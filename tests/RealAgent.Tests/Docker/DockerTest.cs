using ClusterSim.RealAgent.Docker;
using ClusterSim.RealAgent.Docker.Models;

namespace ClusterSim.RealAgent.Tests.Docker;

/// <summary>
/// What every test against the real daemon shares. The availability rule lives here and only here: when the
/// daemon (or the test image) is missing, the tests are ignored with the reason on a developer's machine,
/// but fail when CI=true, because CI runs tools/setup-docker.sh first and a silently skipped suite there
/// would hide a broken live mode. Each test labels its containers with a label unique to the test, and
/// TearDown force-removes whatever carries it, so no test leaves containers behind, even when it fails.
/// </summary>
[Category("Docker")]
public abstract class DockerTest
{
    /// <summary>The image tools/setup-docker.sh builds from Debian's static busybox.</summary>
    protected const string Image = "clustersim/busybox:local";

    /// <summary>Label key marking containers made by these tests.</summary>
    protected const string RunLabelKey = "clustersim.test.run";

    private static readonly TimeSpan AvailabilityTimeout = TimeSpan.FromSeconds(5);

    private DockerClient? _client;

    protected DockerClient Client => _client ?? throw new InvalidOperationException("The client exists only while the fixture runs.");

    /// <summary>This test's label value: unique per test run, so lists and event filters see only this test's containers.</summary>
    protected string RunLabel { get; private set; } = "";

    /// <summary>Bounds each test, so a wait or an event stream that never ends fails the test instead of hanging CI.</summary>
    protected CancellationToken TestTimeout => _timeout?.Token ?? CancellationToken.None;

    private CancellationTokenSource? _timeout;

    [OneTimeSetUp]
    public async Task RequireDockerAsync()
    {
        _client = new DockerClient();
        var socket = _client.Configuration.SocketPath;
        using var timeout = new CancellationTokenSource(AvailabilityTimeout);
        try
        {
            await _client.System.PingAsync(timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or TimeoutException)
        {
            Unavailable($"No Docker daemon answers at unix://{socket} ({e.Message}). Run tools/setup-docker.sh as root.");
            return;
        }

        // The image check creates (and removes) a container: the client has no image operations, and
        // create is exactly what fails when the image is missing.
        string? probe = null;
        try
        {
            var labels = new Dictionary<string, string> { [RunLabelKey] = "image-probe" };
            probe = (await _client.Containers.CreateAsync(new ContainerCreateParameters { Image = Image, Labels = labels }, timeout.Token)).Id;
        }
        catch (DockerImageNotFoundException e)
        {
            Unavailable($"The Docker daemon at unix://{socket} has no image {Image} ({e.DaemonMessage}). Run tools/setup-docker.sh as root.");
        }
        finally
        {
            if (probe is not null)
            {
                await _client.Containers.RemoveAsync(probe, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
            }
        }
    }

    [SetUp]
    public void StartTest()
    {
        RunLabel = $"{TestContext.CurrentContext.Test.MethodName}-{Guid.NewGuid():N}";
        _timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
    }

    [TearDown]
    public async Task RemoveThisTestsContainersAsync()
    {
        _timeout?.Dispose();
        _timeout = null;
        if (_client is null || RunLabel.Length == 0)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (var container in await ListThisTestsContainersAsync(timeout.Token))
        {
            try
            {
                await _client.Containers.RemoveAsync(container.Id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, timeout.Token);
            }
            catch (DockerContainerNotFoundException)
            {
                // Removed by the test itself between the list and here.
            }
        }
    }

    [OneTimeTearDown]
    public void DisposeClient()
    {
        _client?.Dispose();
        _client = null;
    }

    /// <summary>A container of the test image running <paramref name="command"/> under sh, labelled for this test, without network.</summary>
    protected ContainerCreateParameters ShellContainer(string command) => new()
    {
        Image = Image,
        Cmd = ["sh", "-c", command],
        Labels = new Dictionary<string, string> { [RunLabelKey] = RunLabel },
        HostConfig = new HostConfig { NetworkMode = "none" },
    };

    /// <summary>Creates and starts a container, returning its id.</summary>
    protected async Task<string> RunAsync(ContainerCreateParameters parameters)
    {
        var created = await Client.Containers.CreateAsync(parameters, TestTimeout);
        await Client.Containers.StartAsync(created.Id, TestTimeout);
        return created.Id;
    }

    protected Task<IList<ContainerSummary>> ListThisTestsContainersAsync(CancellationToken cancellationToken) =>
        Client.Containers.ListAsync(
            new ContainersListParameters { All = true, Filters = new DockerFilters().Add("label", $"{RunLabelKey}={RunLabel}") },
            cancellationToken);

    private static void Unavailable(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"{reason} CI=true, so the Docker tests must run.");
        }

        Assert.Ignore(reason);
    }
}
