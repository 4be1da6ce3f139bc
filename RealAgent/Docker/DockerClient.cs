namespace ClusterSim.RealAgent.Docker;

/// <summary>
/// A thin typed client of the Docker Engine API over the daemon's unix socket, shaped like Docker.DotNet
/// (grouped operations, parameter objects, models named after the API's objects, typed exceptions) but only
/// as large as a live agent needs. The API version is negotiated on first use: the older of the daemon's
/// and <see cref="DockerClientConfiguration.MaxApiVersion"/>, at least 1.41 (Engine 20.10).
/// Thread-safe; one instance per daemon, kept for the agent's lifetime (it pools connections).
/// </summary>
public sealed class DockerClient : IDisposable
{
    private readonly DockerTransport _transport;

    /// <summary>A client of the daemon at DOCKER_HOST, or at /var/run/docker.sock when it is unset.</summary>
    public DockerClient()
        : this(DockerClientConfiguration.FromEnvironment())
    {
    }

    public DockerClient(DockerClientConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Configuration = configuration;
        _transport = new DockerTransport(configuration);
        System = new SystemOperations(_transport);
        Containers = new ContainerOperations(_transport);
        Events = new EventOperations(_transport);
    }

    public DockerClientConfiguration Configuration { get; }

    public ISystemOperations System { get; }

    public IContainerOperations Containers { get; }

    public IEventOperations Events { get; }

    /// <summary>The API version requests use ("1.41" against Engine 20.10); negotiates it if no request has yet.</summary>
    public Task<string> GetApiVersionAsync(CancellationToken cancellationToken) => _transport.ApiVersionAsync(cancellationToken);

    public void Dispose() => _transport.Dispose();
}
