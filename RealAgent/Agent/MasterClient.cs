using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ClusterSim.RealAgent.Live;
using ClusterSim.RealAgent.Protocol;

namespace ClusterSim.RealAgent.Agent;

/// <summary>
/// The agent's calls to its master (see "Live protocol" in docs/ARCHITECTURE.md): register, heartbeat, and
/// status updates. Each call answers what the master said; retrying is the caller's choice.
/// </summary>
public sealed class MasterClient : IDisposable
{
    private readonly AgentOptions _options;
    private readonly HttpClient _http;
    private readonly HttpClient _watch;
    private readonly LeaderFollowingHandler _masters;

    /// <summary>The master the agent talks to now.</summary>
    public string Master => _masters.Current.ToString().TrimEnd('/');

    public MasterClient(AgentOptions options)
    {
        _options = options;
        // MasterUrl may name several masters (URL1,URL2,...): requests go to whichever leads.
        var masters = LeaderFollowingHandler.Parse(options.MasterUrl, out var error) ?? throw new ArgumentException($"--master: {error}");
        _masters = new LeaderFollowingHandler(masters);
        _http = new HttpClient(_masters) { BaseAddress = masters[0], Timeout = TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.Authorization = Credentials(options);
        // Its own client: a watch outlasts the other calls' timeout.
        _watch = new HttpClient(_masters, disposeHandler: false) { BaseAddress = masters[0], Timeout = TimeSpan.FromMinutes(2) };
        _watch.DefaultRequestHeaders.Authorization = Credentials(options);
    }

    /// <summary>
    /// The one place the agent's credentials for the master are made: every request carries this header.
    /// HTTP Basic with the agent's principal and secret, or the shared bearer token.
    /// </summary>
    private static AuthenticationHeaderValue Credentials(AgentOptions options) => options.Credential is var (principal, secret)
        ? new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{principal}:{secret}")))
        : new("Bearer", (options.Token ?? throw new InvalidOperationException("an agent needs a credential or a token")).Value);

    /// <summary>
    /// The master's reply, or null when it could not be reached or refused for a reason worth retrying
    /// (logged). A refused token (401) is not worth retrying: it throws.
    /// </summary>
    public async Task<RegistrationReply?> RegisterAsync(AgentRegistration registration, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.PostAsJsonAsync("api/agents/register", registration, ProtocolJson.Options, cancellationToken);
            if (response.IsSuccessStatusCode)
                return await response.Content.ReadFromJsonAsync<RegistrationReply>(ProtocolJson.Options, cancellationToken) ?? new RegistrationReply(false, 15);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            _options.Log($"agent {_options.Name}: the master at {Master} refused the registration: {(int)response.StatusCode} {body.Trim()}");
            if (response.StatusCode == HttpStatusCode.Unauthorized) throw new UnauthorizedAccessException($"the master at {Master} refused the agent's credentials (401)");
        }
        catch (HttpRequestException e)
        {
            _options.Log($"agent {_options.Name}: cannot reach the master at {Master} ({e.Message}); retrying");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _options.Log($"agent {_options.Name}: the master at {Master} did not answer the registration in time; retrying");
        }
        return null;
    }

    /// <summary>False when the master no longer knows this agent (404: register again); null when no leading
    /// master answered (unreachable, 503 while masters elect one: try again soon); true otherwise.</summary>
    public async Task<bool?> HeartbeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.PostAsync($"api/agents/{Uri.EscapeDataString(_options.Name)}/heartbeat", null, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound) return false;
            return response.IsSuccessStatusCode ? true : null;
        }
        catch (HttpRequestException e)
        {
            _options.Log($"agent {_options.Name}: heartbeat to {Master} failed ({e.Message})");
        }
        catch (OperationCanceledException)
        {
            // Timed out (the caller's bound or the client's); the agent's own stop is seen by its loop.
        }
        return null;
    }

    /// <summary>
    /// Watches the leading master (GET /api/agents/{name}/watch, which it holds open for a while): true when
    /// the watch was answered, false when it broke (the master died, stepped down or could not be reached).
    /// </summary>
    public async Task<bool> WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/agents/{Uri.EscapeDataString(_options.Name)}/watch");
            using var response = await _watch.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                // A master without the endpoint: nothing to watch; heartbeats alone find out.
                await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
                return true;
            }
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    /// <summary>True when the master acknowledged the update (HTTP 200).</summary>
    public async Task<bool> SendStatusAsync(TaskStatusReport report, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.PostAsJsonAsync($"api/agents/{Uri.EscapeDataString(_options.Name)}/status", report, ProtocolJson.Options, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        return false;
    }

    /// <summary>Reports the agent's oversubscribed (revocable) total (POST /api/agents/{name}/oversubscribed,
    /// Mesos's UpdateSlaveMessage): true when the master took it (HTTP 200); false when it could not be reached or
    /// refused (a master without --oversubscription answers 409; the reason is logged).</summary>
    public async Task<bool> ReportOversubscribedAsync(Core.Resources.Resources total, CancellationToken cancellationToken)
    {
        try
        {
            var report = new OversubscribedReport(total.IsEmpty ? "" : total.ToString());
            using var response = await _http.PostAsJsonAsync($"api/agents/{Uri.EscapeDataString(_options.Name)}/oversubscribed", report, ProtocolJson.Options, cancellationToken);
            if (response.IsSuccessStatusCode) return true;
            _options.Log($"agent {_options.Name}: the master refused its oversubscribed resources: {(await response.Content.ReadAsStringAsync(cancellationToken)).Trim()}");
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
        return false;
    }

    public void Dispose()
    {
        _watch.Dispose();
        _http.Dispose();
    }
}
