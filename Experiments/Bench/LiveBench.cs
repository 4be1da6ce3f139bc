using System.Diagnostics;
using System.Net.Http.Headers;
using ClusterSim.Allocators;
using ClusterSim.Core.Allocation;
using ClusterSim.RealAgent.Live;
using ClusterSim.RealAgent.Master;
using ClusterSim.RealAgent.Security;

namespace ClusterSim.Experiments.Bench;

/// <summary>
/// Loads one live master over loopback HTTP with many fake agents and many subscribed frameworks from this
/// one process, and measures how long offers take to reach the frameworks (<c>clustersim bench live</c>).
/// Hosted mode builds the master exactly as <c>clustersim master</c> does (MasterHost, LiveLoop, Master, DRF,
/// 1 s allocation interval) on 127.0.0.1 with an ephemeral port and a random token; the frameworks decline
/// every offer, so every allocation run offers every agent again and no container is ever started.
/// </summary>
public static class LiveBench
{
    private static readonly TimeSpan ProbePeriod = TimeSpan.FromMilliseconds(100);

    public static async Task<LiveBenchResult> RunAsync(LiveBenchOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        MasterHost? host = null;
        LiveLoop? loop = null;
        string url;
        AuthenticationHeaderValue credentials;
        try
        {
            if (options.MasterUrl is { } given)
            {
                url = given;
                credentials = options.Credentials ?? throw new ArgumentException("a master URL needs credentials", nameof(options));
            }
            else
            {
                var token = new BearerToken(Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
                host = new MasterHost(new MasterHostOptions("http://127.0.0.1:0", token)
                {
                    HeartbeatInterval = TimeSpan.FromSeconds(options.HeartbeatSeconds),
                    Log = _ => { },
                });
                loop = new LiveLoop();
                loop.Start();
                await host.StartAsync(cancellationToken);
                var allocation = new AllocationOptions();
                var (h, l) = (host, loop);
                await loop.InvokeAsync(() =>
                {
                    var cluster = new Core.Cluster.HostedCluster(l, AllocationPolicies.Create(l, allocation, 1), allocation);
                    h.Attach(l, cluster.Master);
                    cluster.Start();
                    return true;
                });
                url = host.Address.ToString();
                credentials = new AuthenticationHeaderValue("Bearer", token.Value);
            }
            return await LoadAsync(options, url, credentials, loop, log, cancellationToken);
        }
        finally
        {
            if (host != null) await host.DisposeAsync();
            loop?.Stop();
            loop?.Dispose();
        }
    }

    private static async Task<LiveBenchResult> LoadAsync(LiveBenchOptions options, string url, AuthenticationHeaderValue credentials,
        LiveLoop? loop, TextWriter log, CancellationToken cancellationToken)
    {
        // One connection per framework stream, plus a pool for registrations, heartbeats and declines.
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Frameworks + 64, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = credentials;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        var clock = Stopwatch.StartNew();
        var agents = new LoadAgents(http, options.Agents, options.AgentResources);
        var interval = await agents.RegisterAsync(cancellationToken);
        log.WriteLine($"  {options.Agents} agents registered in {clock.Elapsed.TotalSeconds:0.0} s (heartbeat every {interval.TotalSeconds:0.#} s)");
        var heartbeats = agents.HeartbeatAsync(interval, stop.Token);

        var latencies = new LatencySamples();
        var frameworks = Enumerable.Range(0, options.Frameworks)
            .Select(i => new LoadFramework(http, $"lb-framework-{i:D4}", $"lb-{i % Math.Max(1, options.Roles)}", options.RefuseSeconds, latencies))
            .ToArray();
        var streams = frameworks.Select(f => Task.Run(() => f.RunAsync(stop.Token))).ToArray();
        await Task.WhenAll(frameworks.Select(f => f.Subscribed)).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        log.WriteLine($"  {options.Frameworks} frameworks subscribed; warming up {options.WarmUp.TotalSeconds:0} s, then measuring {options.Duration.TotalSeconds:0} s");

        await Task.Delay(options.WarmUp, cancellationToken);
        var lags = new LatencySamples();
        var probes = loop != null ? ProbeAsync(loop, lags, stop.Token) : Task.CompletedTask;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var window = Stopwatch.StartNew();
        latencies.Open();
        lags.Open();
        double peak = 0;
        while (window.Elapsed < options.Duration)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            process.Refresh();
            peak = Math.Max(peak, process.WorkingSet64 / 1048576.0);
            if (streams.FirstOrDefault(s => s.IsFaulted) is { } failed) await failed;
        }
        latencies.Close();
        lags.Close();
        double seconds = window.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds / seconds * 100;

        await stop.CancelAsync();
        await Task.WhenAll(streams);
        await heartbeats;
        await probes;
        return new LiveBenchResult(options.Agents, options.Frameworks, seconds,
            frameworks.Sum(f => f.OfferEvents), frameworks.Sum(f => f.Offers),
            latencies.Percentile(0.50), latencies.Percentile(0.95), latencies.Percentile(0.99), latencies.Percentile(1.0),
            frameworks.Sum(f => f.Declines), frameworks.Sum(f => f.FailedCalls) + agents.FailedCalls,
            cpu, Environment.ProcessorCount, lags.Percentile(0.99), lags.Percentile(1.0), peak);
    }

    /// <summary>
    /// Every 100 ms, how long a no-op posted to the master's loop waits before it runs: the time the loop is
    /// busy with allocation runs and calls. Only with a hosted master.
    /// </summary>
    private static async Task ProbeAsync(LiveLoop loop, LatencySamples lags, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ProbePeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var posted = Stopwatch.GetTimestamp();
                await loop.InvokeAsync(() => true);
                lags.Add(Stopwatch.GetElapsedTime(posted).TotalMilliseconds);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
