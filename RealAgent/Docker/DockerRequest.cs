namespace ClusterSim.RealAgent.Docker;

/// <summary>One call to the Engine API, as the operation groups describe it to the transport.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path without the /v{version} prefix, e.g. "/containers/create".</param>
/// <param name="Query">Query string including its leading '?', or empty (see <see cref="DockerQuery"/>).</param>
/// <param name="Body">Object sent as the JSON body, or null for none.</param>
/// <param name="ContainerId">
/// The container the path addresses, if any: a 404 on such a request means that container does not exist.
/// </param>
/// <param name="Bounded">False for calls that last as long as a container runs (wait, events).</param>
/// <param name="Versioned">False for the few endpoints used before the API version is known (/_ping, /version).</param>
internal readonly record struct DockerRequest(
    HttpMethod Method,
    string Path,
    string Query = "",
    object? Body = null,
    string? ContainerId = null,
    bool Bounded = true,
    bool Versioned = true);
