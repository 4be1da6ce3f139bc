namespace ClusterSim.RealAgent.Containers;

/// <summary>
/// What the agent asks of a container runtime, and nothing more: run, kill, look at, wait for, list by
/// label, follow the exits of, and remove containers, and say how large the host is. Implemented once over
/// Docker (<see cref="DockerContainerRuntime"/>); the agent's tests run it against an in-memory fake. Every
/// failure to reach the runtime or a refusal by it is a <see cref="ContainerRuntimeException"/>; a container
/// that is gone is an answer (null, or nothing to do), not an error.
/// </summary>
public interface IContainerRuntime
{
    /// <summary>The host's CPUs and memory, as the runtime sees them.</summary>
    Task<HostCapacity> GetCapacityAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Creates and starts a container; returns its id. A container that was created but could not be started
    /// is removed again before the exception is thrown, so a failed run leaves nothing behind.
    /// </summary>
    Task<string> RunAsync(ContainerSpec spec, CancellationToken cancellationToken);

    /// <summary>Sends SIGKILL; nothing happens to a container that is not running or is gone.</summary>
    Task KillAsync(string id, CancellationToken cancellationToken);

    /// <summary>The container's state now; null when there is no such container.</summary>
    Task<ContainerSnapshot?> InspectAsync(string id, CancellationToken cancellationToken);

    /// <summary>The container's usage now; null when there is no such container.</summary>
    Task<ContainerUsage?> UsageAsync(string id, CancellationToken cancellationToken);

    /// <summary>Completes once the container is not running (at once when it already is not, or is gone).</summary>
    Task WaitAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every container, running or not, whose label <paramref name="key"/> is <paramref name="value"/>.</summary>
    Task<IReadOnlyList<ContainerListing>> ListAsync(string key, string value, CancellationToken cancellationToken);

    /// <summary>
    /// Deaths, OOM kills and kills of containers labelled <paramref name="key"/>=<paramref name="value"/>, from
    /// <paramref name="since"/> on (what happened between then and the stream opening is replayed), in the
    /// order the runtime saw them. The stream is lossy: it ends with a <see cref="ContainerRuntimeException"/>
    /// when the connection breaks.
    /// </summary>
    IAsyncEnumerable<ContainerEvent> EventsAsync(string key, string value, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Removes the container, killing it first if it runs; nothing happens when it is gone.</summary>
    Task RemoveAsync(string id, CancellationToken cancellationToken);
}
