using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using ClusterSim.RealAgent.Docker.Models;

namespace ClusterSim.RealAgent.Docker;

/// <summary>
/// HTTP over the daemon's unix socket: connects, prefixes paths with the negotiated API version, bounds
/// prompt requests by <see cref="DockerClientConfiguration.RequestTimeout"/>, and turns error answers into
/// typed exceptions. The operation groups only describe requests and read results.
/// </summary>
internal sealed class DockerTransport : IDisposable
{
    /// <summary>
    /// Oldest API version the client accepts: Engine 20.10 (Debian bookworm's docker.io), the first with the
    /// stats one-shot parameter.
    /// </summary>
    public static readonly Version MinApiVersion = new(1, 41);

    private readonly DockerClientConfiguration _configuration;
    private readonly HttpClient _http;

    // Written once negotiation has succeeded; a failed negotiation leaves it null so the next call retries.
    // Two calls racing here both ask GET /version and store the same answer, so no lock is needed.
    private volatile string? _apiVersion;

    public DockerTransport(DockerClientConfiguration configuration)
    {
        _configuration = configuration;
        var socketPath = configuration.SocketPath;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, cancellationToken) => ConnectAsync(socketPath, cancellationToken),
        };
        _http = new HttpClient(handler)
        {
            // The host name is never resolved (ConnectCallback decides where to connect); dockerd ignores it.
            BaseAddress = new Uri("http://docker.sock/"),
            // Per request instead (see Bounded): waiting for a container to exit must not time out at 100 s.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The API version requests use: the older of the daemon's and the configured maximum.</summary>
    public async Task<string> ApiVersionAsync(CancellationToken cancellationToken)
    {
        if (_apiVersion is { } known)
        {
            return known;
        }

        var version = await ReadJsonAsync<SystemVersion>(
            new DockerRequest(HttpMethod.Get, "/version", Versioned: false), cancellationToken).ConfigureAwait(false);
        var negotiated = Negotiate(version.ApiVersion, _configuration.MaxApiVersion);
        _apiVersion = negotiated;
        return negotiated;
    }

    /// <summary>
    /// The older of the daemon's API version and ours, as the docker CLI negotiates it; refuses daemons older
    /// than <see cref="MinApiVersion"/>, whose answers our models were not checked against.
    /// </summary>
    internal static string Negotiate(string? daemonApiVersion, Version maxApiVersion)
    {
        if (!Version.TryParse(daemonApiVersion, out var daemon))
        {
            throw new NotSupportedException($"The Docker daemon reported API version '{daemonApiVersion}', which is not a version number.");
        }

        if (daemon < MinApiVersion)
        {
            throw new NotSupportedException(
                $"The Docker daemon speaks Engine API {daemon}; ClusterSim needs at least {MinApiVersion} (Docker Engine 20.10).");
        }

        var chosen = daemon < maxApiVersion ? daemon : maxApiVersion;
        return chosen.ToString(2);
    }

    /// <summary>Sends a request whose answer has no body worth reading (204, or 304 for start on a running container).</summary>
    public async Task SendAsync(DockerRequest request, CancellationToken cancellationToken)
    {
        using var timeout = BoundFor(request, cancellationToken);
        try
        {
            using var response = await SendCheckedAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (IsTimeout(timeout, cancellationToken))
        {
            throw TimeoutFor(request);
        }
    }

    /// <summary>Sends a request and reads its JSON answer as <typeparamref name="T"/>.</summary>
    public async Task<T> ReadJsonAsync<T>(DockerRequest request, CancellationToken cancellationToken)
    {
        using var timeout = BoundFor(request, cancellationToken);
        try
        {
            // Headers first, then the body under the same token: the wait endpoint sends its headers at once
            // and its body only when the container exits.
            using var response = await SendCheckedAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var result = await response.Content.ReadFromJsonAsync<T>(DockerJson.Options, timeout.Token).ConfigureAwait(false);
            return result ?? throw new JsonException($"{request.Method} {request.Path}: the Docker daemon answered with an empty body.");
        }
        catch (OperationCanceledException) when (IsTimeout(timeout, cancellationToken))
        {
            throw TimeoutFor(request);
        }
    }

    /// <summary>
    /// Sends a request and returns its answer as soon as the headers arrived, for the caller to read the
    /// body as a stream (the event stream). The caller disposes the response.
    /// </summary>
    public Task<HttpResponseMessage> OpenStreamAsync(DockerRequest request, CancellationToken cancellationToken) =>
        SendCheckedAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendCheckedAsync(
        DockerRequest request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var prefix = request.Versioned ? "/v" + await ApiVersionAsync(cancellationToken).ConfigureAwait(false) : "";
        using var message = new HttpRequestMessage(request.Method, prefix + request.Path + request.Query);
        if (request.Body is not null)
        {
            message.Content = JsonContent.Create(request.Body, request.Body.GetType(), options: DockerJson.Options);
        }

        var response = await _http.SendAsync(message, completion, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotModified)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw DockerApiException.FromResponse(response.StatusCode, DaemonMessage(body), request);
        }
    }

    /// <summary>The daemon's error body is {"message": "..."}; anything else (a proxy's page) is passed on raw.</summary>
    private static string DaemonMessage(string body)
    {
        try
        {
            var error = JsonSerializer.Deserialize<ErrorResponse>(body, DockerJson.Options);
            if (!string.IsNullOrEmpty(error?.Message))
            {
                return error.Message;
            }
        }
        catch (JsonException)
        {
        }

        return body.Trim();
    }

    private CancellationTokenSource BoundFor(DockerRequest request, CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (request.Bounded)
        {
            source.CancelAfter(_configuration.RequestTimeout);
        }

        return source;
    }

    private static bool IsTimeout(CancellationTokenSource timeout, CancellationToken callerToken) =>
        timeout.IsCancellationRequested && !callerToken.IsCancellationRequested;

    private TimeoutException TimeoutFor(DockerRequest request) => new(string.Create(CultureInfo.InvariantCulture,
        $"{request.Method} {request.Path}: the Docker daemon at unix://{_configuration.SocketPath} did not answer within {_configuration.RequestTimeout.TotalSeconds} s."));

    private static async ValueTask<Stream> ConnectAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            // Say which socket: the bare SocketException ("No such file or directory") does not.
            throw new HttpRequestException(
                $"Cannot connect to the Docker daemon at unix://{socketPath}: {e.Message}. Is dockerd running?", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
