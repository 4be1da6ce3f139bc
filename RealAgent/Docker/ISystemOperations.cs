using ClusterSim.RealAgent.Docker.Models;

namespace ClusterSim.RealAgent.Docker;

/// <summary>The daemon itself: is it there, what version, what host.</summary>
public interface ISystemOperations
{
    /// <summary>
    /// GET /_ping, which needs no API version: completes when the daemon answers, throws
    /// HttpRequestException when nothing listens on the socket. The cheap availability check.
    /// </summary>
    Task PingAsync(CancellationToken cancellationToken);

    /// <summary>GET /version.</summary>
    Task<SystemVersion> GetVersionAsync(CancellationToken cancellationToken);

    /// <summary>GET /info.</summary>
    Task<SystemInfo> GetInfoAsync(CancellationToken cancellationToken);
}
