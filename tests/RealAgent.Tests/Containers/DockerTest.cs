using ClusterSim.RealAgent.Containers;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ClusterSim.RealAgent.Tests.Containers;

/// <summary>
/// What every test against the real daemon shares. The availability rule lives here and only here: when the
/// daemon (or the test image) is missing, the tests are ignored with the reason on a developer's machine,
/// but fail when CI=true, because CI runs tools/setup-docker.sh first and a silently skipped suite there
/// would hide a broken live mode. Each test labels its containers with a label unique to the test, and
/// TearDown force-removes whatever carries it, so no test leaves containers behind, even when it fails.
/// <see cref="Client"/> is Docker.DotNet itself, to look at the daemon independently of the code under test.
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
    private CancellationTokenSource? _timeout;

    protected DockerClient Client => _client ?? throw new InvalidOperationException("The client exists only while the fixture runs.");

    /// <summary>This test's label value: unique per test run, so lists and event filters see only this test's containers.</summary>
    protected string RunLabel { get; private set; } = "";

    /// <summary>Bounds each test, so a wait or an event stream that never ends fails the test instead of hanging CI.</summary>
    protected CancellationToken TestTimeout => _timeout?.Token ?? CancellationToken.None;

    [OneTimeSetUp]
    public async Task RequireDockerAsync()
    {
        _client = new DockerClientBuilder().WithEndpoint(DockerContainerRuntime.DefaultEndpoint).Build();
        var socket = DockerContainerRuntime.DefaultEndpoint;
        using var timeout = new CancellationTokenSource(AvailabilityTimeout);
        try
        {
            await _client.System.PingAsync(timeout.Token);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or TimeoutException or IOException)
        {
            Unavailable($"No Docker daemon answers at {socket} ({e.Message}). Run tools/setup-docker.sh as root.");
            return;
        }

        try
        {
            await _client.Images.InspectImageAsync(Image, timeout.Token);
        }
        catch (DockerImageNotFoundException)
        {
            Unavailable($"The Docker daemon at {socket} has no image {Image}. Run tools/setup-docker.sh as root.");
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
        if (_client is null || RunLabel.Length == 0) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (var container in await ListAsync($"{RunLabelKey}={RunLabel}", timeout.Token))
        {
            try
            {
                await _client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, timeout.Token);
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

    /// <summary>Every container, running or not, matching a label filter ("key" or "key=value").</summary>
    protected Task<IList<ContainerListResponse>> ListAsync(string label, CancellationToken cancellationToken) =>
        Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [label] = true } },
        }, cancellationToken);

    private static void Unavailable(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail($"{reason} CI=true, so the Docker tests must run.");
        Assert.Ignore(reason);
    }
}
