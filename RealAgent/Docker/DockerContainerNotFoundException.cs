using System.Net;

namespace ClusterSim.RealAgent.Docker;

/// <summary>A request addressed a container the daemon does not have (404, "No such container").</summary>
public sealed class DockerContainerNotFoundException(string containerId, string daemonMessage, string request)
    : DockerApiException(HttpStatusCode.NotFound, daemonMessage, request)
{
    /// <summary>The id or name the request used.</summary>
    public string ContainerId { get; } = containerId;
}
