using System.Net;

namespace ClusterSim.RealAgent.Docker;

/// <summary>
/// The daemon answered a request with an error status. <see cref="DaemonMessage"/> is the daemon's own
/// explanation ("No such image: ...", "Conflict. The container name ... is already in use ..."), which is
/// what a user needs to fix the cause; the exception message adds the request it answered.
/// </summary>
public class DockerApiException : Exception
{
    public DockerApiException(HttpStatusCode statusCode, string daemonMessage, string request)
        : base($"{request}: Docker daemon answered {(int)statusCode} ({statusCode}): {daemonMessage}")
    {
        StatusCode = statusCode;
        DaemonMessage = daemonMessage;
    }

    /// <summary>HTTP status of the daemon's answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The "message" field of the daemon's error body, verbatim (the raw body when it is not JSON).</summary>
    public string DaemonMessage { get; }

    /// <summary>
    /// The exception for an error answer. The type says what went wrong where the status alone does not:
    /// 404 names a missing image on create (the daemon says "No such image") and a missing container on
    /// any request addressed to one.
    /// </summary>
    internal static DockerApiException FromResponse(HttpStatusCode statusCode, string daemonMessage, DockerRequest request)
    {
        var described = $"{request.Method} {request.Path}";
        return statusCode switch
        {
            HttpStatusCode.Conflict => new DockerConflictException(daemonMessage, described),
            HttpStatusCode.NotFound when daemonMessage.StartsWith("No such image", StringComparison.OrdinalIgnoreCase)
                => new DockerImageNotFoundException(daemonMessage, described),
            HttpStatusCode.NotFound when request.ContainerId is { } id
                => new DockerContainerNotFoundException(id, daemonMessage, described),
            _ => new DockerApiException(statusCode, daemonMessage, described),
        };
    }
}
