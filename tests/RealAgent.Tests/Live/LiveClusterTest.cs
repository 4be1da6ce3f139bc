using ClusterSim.RealAgent.Agent;
using ClusterSim.RealAgent.Tests.Containers;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ClusterSim.RealAgent.Tests.Live;

/// <summary>
/// What the end-to-end tests share: Docker's availability rule (from <see cref="DockerTest"/>), a cluster of
/// processes per fixture, and a teardown that kills those processes and removes every container of the
/// fixture's agents (an agent killed on purpose leaves its containers running).
/// </summary>
public abstract class LiveClusterTest : DockerTest
{
    protected static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    private LiveCluster? _cluster;

    /// <summary>
    /// Events are replayed from here on, so a wait that begins late still sees what it waits for: from the
    /// fixture's creation for its one-time setup, then from each test's start (the tests of a fixture share
    /// its cluster and so its agents' names).
    /// </summary>
    private DateTimeOffset _since = DateTimeOffset.UtcNow;

    [SetUp]
    public void ReplayEventsFromNow() => _since = DateTimeOffset.UtcNow;

    protected LiveCluster Cluster => _cluster ??= new LiveCluster();

    /// <summary>
    /// True: each test gets a cluster of its own, stopped with its containers when the test ends. A fixture whose
    /// tests start the same agents by index needs it: a restarted agent adopts the running containers labelled with
    /// its name, so an agent of the next test would take over the tasks of the last one's.
    /// </summary>
    protected virtual bool ClusterPerTest => false;

    [TearDown]
    public async Task StopTestClusterAsync()
    {
        if (ClusterPerTest) await StopClusterAsync();
    }

    /// <summary>Containers of this fixture's agents, running or not.</summary>
    protected async Task<IList<ContainerListResponse>> AgentContainersAsync(CancellationToken cancellationToken)
    {
        var all = await ListAsync(ContainerLabels.Agent, cancellationToken);
        return all.Where(c => c.Labels != null && c.Labels.TryGetValue(ContainerLabels.Agent, out var agent) && agent.StartsWith(Cluster.Prefix + "-", StringComparison.Ordinal)).ToList();
    }

    /// <summary>
    /// The first <paramref name="count"/> container events <paramref name="action"/> ("start", "die",
    /// "destroy") of this fixture's agents that <paramref name="match"/> accepts, from the fixture's start
    /// on, as the daemon sends them: a test waits for the event itself instead of polling the daemon.
    /// Docker sends a container's labels as attributes of its events (see <see cref="Label"/>).
    /// </summary>
    protected async Task<IReadOnlyList<Message>> AgentContainerEventsAsync(string action, Func<Message, bool> match, int count, CancellationToken cancellationToken)
    {
        var seen = new List<Message>();
        using var enough = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parameters = new ContainerEventsParameters
        {
            // Seconds and nanoseconds, as the daemon takes it: whole seconds would replay the end of an earlier test.
            Since = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{_since.ToUnixTimeMilliseconds() / 1000}.{_since.ToUnixTimeMilliseconds() % 1000 * 1_000_000:D9}"),
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["type"] = new Dictionary<string, bool> { ["container"] = true },
                ["event"] = new Dictionary<string, bool> { [action] = true },
                ["label"] = new Dictionary<string, bool> { [ContainerLabels.Agent] = true },
            },
        };
        var progress = new Callback(m =>
        {
            var labels = m.Actor?.Attributes ?? new Dictionary<string, string>();
            lock (seen)
            {
                if (seen.Count >= count || !labels.TryGetValue(ContainerLabels.Agent, out var agent)
                    || !agent.StartsWith(Cluster.Prefix + "-", StringComparison.Ordinal) || !match(m)) return;
                seen.Add(m);
                if (seen.Count == count) enough.Cancel();
            }
        });
        try
        {
            await Client.System.MonitorEventsAsync(parameters, progress, enough.Token);
        }
        catch (OperationCanceledException)
        {
            // Enough seen, or out of time: the count says which.
        }
        lock (seen)
        {
            Assert.That(seen, Has.Count.EqualTo(count), $"expected {count} '{action}' events of the agents' containers");
            return [.. seen];
        }
    }

    /// <summary>A label of the container an event is about.</summary>
    protected static string? Label(Message e, string key) => e.Actor?.Attributes?.TryGetValue(key, out var value) == true ? value : null;

    private sealed class Callback(Action<Message> report) : IProgress<Message>
    {
        public void Report(Message value) => report(value);
    }

    [OneTimeTearDown]
    public async Task StopClusterAsync()
    {
        if (_cluster == null) return;
        _cluster.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            foreach (var c in await AgentContainersAsync(timeout.Token))
            {
                try { await Client.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true }, timeout.Token); }
                catch (DockerContainerNotFoundException) { }
            }
        }
        catch (InvalidOperationException)
        {
            // No Docker client: the fixture was ignored.
        }
        _cluster = null;
    }

    protected static string ReadRunFile(string output, string file) =>
        File.ReadAllText(Path.Combine(output, "runs", "base", "seed-7", file));

    /// <summary>The rows of a run's tasks.csv as column name to value.</summary>
    protected static List<Dictionary<string, string>> TaskRows(string output)
    {
        var lines = File.ReadAllLines(Path.Combine(output, "runs", "base", "seed-7", "tasks.csv"));
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }
}
