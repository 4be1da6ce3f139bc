using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClusterSim.Experiments.Bench;

/// <summary>
/// One framework played over the scheduler API (docs/API.md): SUBSCRIBE, then for every OFFERS event note
/// how long it took to arrive (the event's <c>offers.sent_at_unix_ms</c> against this process's wall clock,
/// the same clock on loopback) and DECLINE all its offers with the bench's filter. The DECLINE is not awaited
/// before the next line is read, so a slow answer does not count against the next event's latency.
/// </summary>
internal sealed class LoadFramework(HttpClient http, string name, string role, double refuseSeconds, LatencySamples latencies)
{
    private readonly List<Task> _declines = [];
    private string _frameworkId = "";
    private string _streamId = "";

    public long OfferEvents => Interlocked.Read(ref _offerEvents);
    public long Offers => Interlocked.Read(ref _offers);
    public long Declines => Interlocked.Read(ref _declined);
    public long FailedCalls => Interlocked.Read(ref _failed);
    private long _offerEvents, _offers, _declined, _failed;

    /// <summary>Completes once SUBSCRIBED has been read; the stream is then read until cancelled.</summary>
    public Task Subscribed => _subscribed.Task;
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var subscribe = new JsonObject
        {
            ["type"] = "SUBSCRIBE",
            ["subscribe"] = new JsonObject
            {
                ["framework_info"] = new JsonObject { ["name"] = name, ["role"] = role, ["failover_timeout"] = 0 },
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/scheduler") { Content = Json(subscribe) };
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"framework {name}: SUBSCRIBE answered {(int)response.StatusCode} {(await response.Content.ReadAsStringAsync(cancellationToken)).Trim()}");
            _streamId = response.Headers.TryGetValues("Mesos-Stream-Id", out var ids) ? ids.First() : "";
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                double receivedAt = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;
                Handle(line, receivedAt);
            }
            if (!cancellationToken.IsCancellationRequested) throw new InvalidOperationException($"framework {name}: the master closed the stream");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (!_subscribed.Task.IsCompleted)
        {
            _subscribed.TrySetException(e);
            throw;
        }
        finally
        {
            Task[] pending;
            lock (_declines) pending = [.. _declines];
            await Task.WhenAll(pending);
        }
    }

    private void Handle(string line, double receivedAt)
    {
        if (line.Length == 0) return;
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        switch (root.GetProperty("type").GetString())
        {
            case "SUBSCRIBED":
                _frameworkId = root.GetProperty("subscribed").GetProperty("framework_id").GetProperty("value").GetString()!;
                _subscribed.TrySetResult();
                break;
            case "OFFERS":
                var section = root.GetProperty("offers");
                if (!section.TryGetProperty("sent_at_unix_ms", out var sent))
                    throw new InvalidOperationException($"framework {name}: the master's OFFERS events carry no offers.sent_at_unix_ms (docs/API.md); it is older than this bench");
                latencies.Add(receivedAt - sent.GetDouble());
                var ids = new JsonArray();
                foreach (var offer in section.GetProperty("offers").EnumerateArray())
                    ids.Add(new JsonObject { ["value"] = offer.GetProperty("id").GetProperty("value").GetString() });
                if (latencies.IsOpen)
                {
                    Interlocked.Increment(ref _offerEvents);
                    Interlocked.Add(ref _offers, ids.Count);
                }
                var decline = DeclineAsync(ids);
                lock (_declines)
                {
                    _declines.RemoveAll(t => t.IsCompleted);
                    _declines.Add(decline);
                }
                break;
            case "ERROR":
                throw new InvalidOperationException($"framework {name}: ERROR event: {line}");
        }
    }

    private async Task DeclineAsync(JsonArray offerIds)
    {
        var call = new JsonObject
        {
            ["type"] = "DECLINE",
            ["framework_id"] = new JsonObject { ["value"] = _frameworkId },
            ["decline"] = new JsonObject
            {
                ["offer_ids"] = offerIds,
                ["filters"] = new JsonObject { ["refuse_seconds"] = refuseSeconds },
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/scheduler") { Content = Json(call) };
        request.Headers.Add("Mesos-Stream-Id", _streamId);
        try
        {
            using var response = await http.SendAsync(request);
            if (response.IsSuccessStatusCode) Interlocked.Increment(ref _declined);
            else Interlocked.Increment(ref _failed);
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _failed);
        }
    }

    private static StringContent Json(JsonNode node) =>
        new(node.ToJsonString(), Encoding.UTF8, "application/json");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{name} ({role})");
}
