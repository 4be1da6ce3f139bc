using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClusterSim.RealAgent.Tests.Scheduler;

/// <summary>A minimal client of the scheduler API for tests: Basic credentials, JSON calls, and
/// subscriptions whose events are read line by line.</summary>
public sealed class SchedulerClient(Uri master, string principal, string secret) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = master, Timeout = Timeout.InfiniteTimeSpan };
    private readonly AuthenticationHeaderValue _credentials =
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{principal}:{secret}")));

    /// <summary>How long a read of the next wanted event may take: longer for a live cluster, whose events wait
    /// for containers to start.</summary>
    public TimeSpan EventBound { get; init; } = ApiMaster.Bound;

    public async Task<HttpResponseMessage> PostAsync(string path, JsonNode body, string? streamId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = _credentials;
        if (streamId != null) request.Headers.Add("Mesos-Stream-Id", streamId);
        using var timeout = new CancellationTokenSource(ApiMaster.Bound);
        return await _http.SendAsync(request, timeout.Token);
    }

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = _credentials;
        using var timeout = new CancellationTokenSource(ApiMaster.Bound);
        return await _http.SendAsync(request, timeout.Token);
    }

    public static JsonObject SubscribeCall(string name, string role, double? failover = null, string? id = null)
    {
        var info = new JsonObject { ["name"] = name, ["role"] = role };
        if (failover is { } f) info["failover_timeout"] = f;
        if (id != null) info["id"] = new JsonObject { ["value"] = id };
        return new JsonObject { ["type"] = "SUBSCRIBE", ["subscribe"] = new JsonObject { ["framework_info"] = info } };
    }

    /// <summary>Subscribes and returns the open stream, or the refusal's status and text.</summary>
    public async Task<(EventStream? Stream, HttpResponseMessage Response)> SubscribeAsync(JsonObject call)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/scheduler") { Content = new StringContent(call.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = _credentials;
        using var timeout = new CancellationTokenSource(ApiMaster.Bound);
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        if (!response.IsSuccessStatusCode) return (null, response);
        var stream = new EventStream(response, this);
        var subscribed = await stream.NextAsync("SUBSCRIBED");
        stream.FrameworkId = subscribed.GetProperty("subscribed").GetProperty("framework_id").GetProperty("value").GetString()!;
        return (stream, response);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>One subscription's open stream of events.</summary>
    public sealed class EventStream : IDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;

        internal EventStream(HttpResponseMessage response, SchedulerClient client)
        {
            _response = response;
            Client = client;
            StreamId = response.Headers.GetValues("Mesos-Stream-Id").Single();
            _reader = new StreamReader(response.Content.ReadAsStream());
        }

        public SchedulerClient Client { get; }
        public string StreamId { get; }
        public string FrameworkId { get; internal set; } = "";
        public List<JsonElement> Seen { get; } = [];

        /// <summary>Reads events until one of <paramref name="type"/> (heartbeats and others are kept in Seen).</summary>
        public Task<JsonElement> NextAsync(string type, Func<JsonElement, bool>? where = null) =>
            NextOfAsync(type, e => e.GetProperty("type").GetString() == type && (where == null || where(e)));

        /// <summary>The next event <paramref name="where"/> accepts, of whatever type.</summary>
        public async Task<JsonElement> NextOfAsync(string what, Func<JsonElement, bool> where)
        {
            using var timeout = new CancellationTokenSource(Client.EventBound);
            int from = Seen.Count;
            try
            {
                while (true)
                {
                    var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException($"the stream ended before a {what} event; seen meanwhile: {Describe(from)}");
                    var e = JsonDocument.Parse(line).RootElement.Clone();
                    Seen.Add(e);
                    if (where(e)) return e;
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                // Say what came instead, so a failure tells a slow cluster from a wrong event.
                throw new TimeoutException($"no {what} event within {Client.EventBound.TotalSeconds} s; seen meanwhile: {Describe(from)}");
            }
        }

        /// <summary>The events seen from <paramref name="from"/> on: their types, and an update's task and state.</summary>
        private string Describe(int from)
        {
            var seen = Seen.Skip(from).Where(e => e.GetProperty("type").GetString() != "HEARTBEAT").Select(e =>
                e.GetProperty("type").GetString() == "UPDATE" && e.GetProperty("update").GetProperty("status") is var status
                    ? $"UPDATE {status.GetProperty("task_id").GetProperty("value").GetString()} {status.GetProperty("state").GetString()}"
                    : e.GetProperty("type").GetString()).ToList();
            return seen.Count == 0 ? "nothing but heartbeats" : string.Join(", ", seen);
        }

        /// <summary>Sends a call for this framework on this stream.</summary>
        public Task<HttpResponseMessage> CallAsync(string type, JsonObject? body = null)
        {
            var call = new JsonObject { ["framework_id"] = new JsonObject { ["value"] = FrameworkId }, ["type"] = type };
            if (body != null) call[type.ToLowerInvariant()] = body;
            return Client.PostAsync("/api/v1/scheduler", call, StreamId);
        }

        public void Dispose()
        {
            _reader.Dispose();
            _response.Dispose();
        }
    }
}
