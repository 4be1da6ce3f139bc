using System.Net;

namespace ClusterSim.RealAgent.Docker;

/// <summary>
/// The request conflicts with the container's state (409): a name already in use, killing a container that
/// is not running, removing a running one without force.
/// </summary>
public sealed class DockerConflictException(string daemonMessage, string request)
    : DockerApiException(HttpStatusCode.Conflict, daemonMessage, request);
