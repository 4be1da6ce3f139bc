using ClusterSim.RealAgent.Docker.Models;

namespace ClusterSim.RealAgent.Docker;

internal sealed class SystemOperations(DockerTransport transport) : ISystemOperations
{
    public Task PingAsync(CancellationToken cancellationToken) =>
        transport.SendAsync(new DockerRequest(HttpMethod.Get, "/_ping", Versioned: false), cancellationToken);

    public Task<SystemVersion> GetVersionAsync(CancellationToken cancellationToken) =>
        transport.ReadJsonAsync<SystemVersion>(new DockerRequest(HttpMethod.Get, "/version"), cancellationToken);

    public Task<SystemInfo> GetInfoAsync(CancellationToken cancellationToken) =>
        transport.ReadJsonAsync<SystemInfo>(new DockerRequest(HttpMethod.Get, "/info"), cancellationToken);
}
