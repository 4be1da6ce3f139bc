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

    protected LiveCluster Cluster => _cluster ??= new LiveCluster();

    /// <summary>Containers of this fixture's agents, running or not.</summary>
    protected async Task<IList<ContainerListResponse>> AgentContainersAsync(CancellationToken cancellationToken)
    {
        var all = await ListAsync(ContainerLabels.Agent, cancellationToken);
        return all.Where(c => c.Labels != null && c.Labels.TryGetValue(ContainerLabels.Agent, out var agent) && agent.StartsWith(Cluster.Prefix + "-", StringComparison.Ordinal)).ToList();
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
