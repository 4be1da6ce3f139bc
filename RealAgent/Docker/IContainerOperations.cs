using ClusterSim.RealAgent.Docker.Models;

namespace ClusterSim.RealAgent.Docker;

/// <summary>
/// The container life cycle a live agent drives: create with limits, start, wait or watch events, inspect how
/// it ended, kill, remove; list and sample usage. Requests addressed to a missing container throw
/// <see cref="DockerContainerNotFoundException"/>, state conflicts <see cref="DockerConflictException"/>.
/// </summary>
public interface IContainerOperations
{
    /// <summary>POST /containers/create. Never pulls: a missing image throws <see cref="DockerImageNotFoundException"/>.</summary>
    Task<ContainerCreateResponse> CreateAsync(ContainerCreateParameters parameters, CancellationToken cancellationToken);

    /// <summary>POST /containers/{id}/start. Starting a running container does nothing (the daemon answers 304).</summary>
    Task StartAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// POST /containers/{id}/wait: completes when the container reaches the condition, which may take as long
    /// as the task runs; not bounded by the request timeout, only by the token.
    /// </summary>
    Task<ContainerWaitResponse> WaitAsync(string id, ContainerWaitParameters parameters, CancellationToken cancellationToken);

    /// <summary>GET /containers/{id}/json.</summary>
    Task<ContainerInspectResponse> InspectAsync(string id, CancellationToken cancellationToken);

    /// <summary>POST /containers/{id}/kill. A container that is not running throws <see cref="DockerConflictException"/>.</summary>
    Task KillAsync(string id, ContainerKillParameters parameters, CancellationToken cancellationToken);

    /// <summary>DELETE /containers/{id}.</summary>
    Task RemoveAsync(string id, ContainerRemoveParameters parameters, CancellationToken cancellationToken);

    /// <summary>GET /containers/json.</summary>
    Task<IList<ContainerSummary>> ListAsync(ContainersListParameters parameters, CancellationToken cancellationToken);

    /// <summary>GET /containers/{id}/stats?stream=false: one usage sample.</summary>
    Task<ContainerStatsResponse> GetStatsAsync(string id, ContainerStatsParameters parameters, CancellationToken cancellationToken);
}
