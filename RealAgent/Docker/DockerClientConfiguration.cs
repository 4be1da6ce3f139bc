namespace ClusterSim.RealAgent.Docker;

/// <summary>Where the Docker daemon listens and how long the client waits for it.</summary>
public sealed record DockerClientConfiguration
{
    /// <summary>The socket dockerd listens on unless told otherwise (its -H default on Linux).</summary>
    public const string DefaultSocketPath = "/var/run/docker.sock";

    /// <summary>Path of the daemon's unix socket.</summary>
    public string SocketPath { get; init; } = DefaultSocketPath;

    /// <summary>
    /// The newest Engine API version this client speaks; the client uses the older of this and the daemon's
    /// own. 1.43 (Engine 24) is the newest whose fields our models were checked against.
    /// </summary>
    public Version MaxApiVersion { get; init; } = new(1, 43);

    /// <summary>
    /// Bound on a request that should answer promptly (create, start, inspect, ...). Waiting for a container
    /// to exit and following the event stream are not bounded by it: they last as long as the container or
    /// the caller wants, and the caller's CancellationToken ends them.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The configuration named by DOCKER_HOST, the variable the docker CLI reads, when it is a unix:// address;
    /// the default socket when it is unset. Other schemes (tcp://, ssh://) are refused: this client only
    /// speaks to a local daemon over its socket.
    /// </summary>
    public static DockerClientConfiguration FromEnvironment()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (string.IsNullOrWhiteSpace(host))
        {
            return new DockerClientConfiguration();
        }

        const string unixScheme = "unix://";
        if (!host.StartsWith(unixScheme, StringComparison.Ordinal) || host.Length == unixScheme.Length)
        {
            throw new NotSupportedException(
                $"DOCKER_HOST is '{host}'; this client only speaks to a daemon on a unix socket (unix:///path/to/docker.sock).");
        }

        return new DockerClientConfiguration { SocketPath = host[unixScheme.Length..] };
    }
}
