using System.Net.Http.Json;
using ClusterSim.RealAgent.Protocol;

namespace ClusterSim.Experiments.Bench;

/// <summary>
/// Many fake agents played by one process: each registers over HTTP (POST /api/agents/register) and then
/// heartbeats at the interval the master asked for, spread evenly over it. Their tasks never launch (the
/// frameworks decline every offer), so the URL they give is never called; nothing listens there.
/// </summary>
internal sealed class LoadAgents(HttpClient http, int count, string resources)
{
    private const int ParallelRegistrations = 16;

    public static string NameOf(int i) => $"lb-agent-{i:D5}";

    public long FailedCalls => Interlocked.Read(ref _failed);
    private long _failed;

    /// <summary>Registers every agent; returns the heartbeat interval the master asked for.</summary>
    public async Task<TimeSpan> RegisterAsync(CancellationToken cancellationToken)
    {
        double seconds = 15;
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = ParallelRegistrations, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                // Port 9 (discard) on loopback: an address that is never called, since no task launches.
                var registration = new AgentRegistration(NameOf(i), $"http://127.0.0.1:9/{NameOf(i)}", resources, null);
                using var response = await http.PostAsJsonAsync("api/agents/register", registration, ProtocolJson.Options, token);
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"registering agent {NameOf(i)}: the master answered {(int)response.StatusCode} {(await response.Content.ReadAsStringAsync(token)).Trim()}");
                var reply = await response.Content.ReadFromJsonAsync<RegistrationReply>(ProtocolJson.Options, token);
                if (reply != null) seconds = reply.HeartbeatSeconds;
            });
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Heartbeats every agent once per <paramref name="interval"/>, in slices every 100 ms, until cancelled.</summary>
    public async Task HeartbeatAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        var tick = TimeSpan.FromMilliseconds(100);
        int slices = Math.Max(1, (int)(interval / tick));
        using var timer = new PeriodicTimer(tick);
        long n = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                int slice = (int)(n++ % slices);
                var beats = new List<Task>();
                for (int i = slice; i < count; i += slices) beats.Add(BeatAsync(i, cancellationToken));
                await Task.WhenAll(beats);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task BeatAsync(int i, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsync($"api/agents/{NameOf(i)}/heartbeat", null, cancellationToken);
            if (!response.IsSuccessStatusCode) Interlocked.Increment(ref _failed);
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _failed);
        }
    }
}
