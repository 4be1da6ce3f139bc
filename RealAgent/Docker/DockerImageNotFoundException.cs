using System.Net;

namespace ClusterSim.RealAgent.Docker;

/// <summary>
/// Creating a container named an image the daemon does not have (404, "No such image: ..."). The client
/// never pulls: live agents run only images set up beforehand, so a missing one is a setup error to report.
/// </summary>
public sealed class DockerImageNotFoundException(string daemonMessage, string request)
    : DockerApiException(HttpStatusCode.NotFound, daemonMessage, request);
