namespace ClusterSim.Core.Cluster;

/// <summary>
/// A master this process does not host (<c>run --live --master URL</c>): frameworks connect through the
/// drivers <c>connect</c> makes (HTTP clients of the scheduler API in live mode), and the cluster's capacity
/// is what the master publishes.
/// </summary>
public sealed class StandingCluster : IClusterEndpoint
{
    private readonly Func<string, ISchedulerDriver> _connect;
    private readonly Func<Resources.Resources> _capacity;

    public StandingCluster(Func<string, ISchedulerDriver> connect, Func<Resources.Resources> capacity)
    {
        _connect = connect;
        _capacity = capacity;
    }

    public ISchedulerDriver Connect(string framework) => _connect(framework);

    public Resources.Resources Capacity => _capacity();
}
