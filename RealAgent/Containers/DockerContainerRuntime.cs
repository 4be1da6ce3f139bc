using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ClusterSim.RealAgent.Containers;

/// <summary>
/// <see cref="IContainerRuntime"/> over the Docker Engine API, through Docker.DotNet (the maintained
/// Docker.DotNet.Enhanced). The API version is left unpinned: the client sends unversioned paths, which the
/// daemon serves at its own version (1.41 for Debian's Engine 20.10, which refuses 1.44 and newer).
/// Thread-safe; one instance per agent, kept for its lifetime (the client pools connections).
/// </summary>
public sealed class DockerContainerRuntime : IContainerRuntime, IDisposable
{
    /// <summary>The socket dockerd listens on unless told otherwise (its -H default on Linux).</summary>
    public static readonly Uri DefaultEndpoint = new("unix:///var/run/docker.sock");

    private readonly DockerClient _client;

    /// <summary>The daemon at DOCKER_HOST, the variable the docker CLI reads, or at the default socket when it is unset.</summary>
    public DockerContainerRuntime()
        : this(Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? new Uri(host) : DefaultEndpoint)
    {
    }

    public DockerContainerRuntime(Uri endpoint)
    {
        Endpoint = endpoint;
        _client = new DockerClientBuilder().WithEndpoint(endpoint).Build();
    }

    public Uri Endpoint { get; }

    public Task<HostCapacity> GetCapacityAsync(CancellationToken cancellationToken) => CallAsync("read the host's size", async () =>
    {
        var info = await _client.System.GetSystemInfoAsync(cancellationToken);
        return new HostCapacity(info.NCPU, info.MemTotal);
    }, cancellationToken);

    public async Task<string> RunAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        var created = await CallAsync($"create a container of image {spec.Image}",
            () => _client.Containers.CreateContainerAsync(Parameters(spec), cancellationToken), cancellationToken);
        try
        {
            await CallAsync($"start container {spec.Name}",
                () => _client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken), cancellationToken);
        }
        catch (Exception e) when (e is ContainerRuntimeException or OperationCanceledException)
        {
            // Not started: nobody would ever remove it.
            try { await RemoveAsync(created.ID, CancellationToken.None); }
            catch (ContainerRuntimeException) { }
            throw;
        }
        return created.ID;
    }

    public Task KillAsync(string id, CancellationToken cancellationToken) => CallAsync($"kill container {Short(id)}", async () =>
    {
        try
        {
            await _client.Containers.KillContainerAsync(id, new ContainerKillParameters { Signal = "SIGKILL" }, cancellationToken);
        }
        catch (DockerApiException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Gone, or not running (409): nothing to kill.
        }
        return true;
    }, cancellationToken);

    public Task<ContainerSnapshot?> InspectAsync(string id, CancellationToken cancellationToken) => CallAsync($"inspect container {Short(id)}", async () =>
    {
        ContainerInspectResponse inspected;
        try
        {
            inspected = await _client.Containers.InspectContainerAsync(id, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
        var state = inspected.State;
        return new ContainerSnapshot(inspected.ID, Phase(state?.Status), state?.ExitCode ?? 0, state?.OOMKilled ?? false,
            string.IsNullOrEmpty(state?.Error) ? null : state.Error, inspected.HostConfig?.Memory ?? 0);
    }, cancellationToken);

    public Task<ContainerUsage?> UsageAsync(string id, CancellationToken cancellationToken) => CallAsync($"read the stats of container {Short(id)}", async () =>
    {
        ContainerStatsResponse? stats = null;
        try
        {
            // One-shot: one sample without the second that would fill precpu_stats; the caller keeps the last.
            // Not streamed, the progress is told once, before the call completes.
            await _client.Containers.GetContainerStatsAsync(id, new ContainerStatsParameters { Stream = false, OneShot = true },
                new StatsSample(s => stats = s), cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
        if (stats == null) return null;
        return (ContainerUsage?)new ContainerUsage((stats.CPUStats?.CPUUsage?.TotalUsage ?? 0) / 1e9, (long)(stats.MemoryStats?.Usage ?? 0));
    }, cancellationToken);

    public Task WaitAsync(string id, CancellationToken cancellationToken) => CallAsync($"wait for container {Short(id)}", async () =>
    {
        try
        {
            // The default condition, not-running: answers at once for a container that has already exited.
            await _client.Containers.WaitContainerAsync(id, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
        }
        return true;
    }, cancellationToken);

    public Task<IReadOnlyList<ContainerListing>> ListAsync(string key, string value, CancellationToken cancellationToken) =>
        CallAsync($"list the containers labelled {key}={value}", async () =>
        {
            var listed = await _client.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{key}={value}"] = true } },
            }, cancellationToken);
            return (IReadOnlyList<ContainerListing>)listed
                .Select(c => new ContainerListing(c.ID, Phase(c.State), c.Labels is { } labels ? new Dictionary<string, string>(labels) : []))
                .ToList();
        }, cancellationToken);

    public async IAsyncEnumerable<ContainerEvent> EventsAsync(string key, string value, DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parameters = new ContainerEventsParameters
        {
            Since = since.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["type"] = new Dictionary<string, bool> { ["container"] = true },
                ["label"] = new Dictionary<string, bool> { [$"{key}={value}"] = true },
                ["event"] = new Dictionary<string, bool> { ["die"] = true, ["oom"] = true, ["kill"] = true },
            },
        };
        var messages = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var monitor = MonitorAsync(parameters, messages.Writer, stop.Token);
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await messages.Reader.WaitToReadAsync(cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    throw new ContainerRuntimeException($"the Docker event stream at {Endpoint} broke: {Explain(e)}", e);
                }
                if (!more) throw new ContainerRuntimeException($"the Docker daemon at {Endpoint} closed its event stream");
                while (messages.Reader.TryRead(out var message))
                    if (Event(message) is { } e) yield return e;
            }
        }
        finally
        {
            await stop.CancelAsync();
            try { await monitor; } catch (Exception) { /* its end was already reported through the channel */ }
        }
    }

    public Task RemoveAsync(string id, CancellationToken cancellationToken) => CallAsync($"remove container {Short(id)}", async () =>
    {
        try
        {
            await _client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
        }
        return true;
    }, cancellationToken);

    public void Dispose() => _client.Dispose();

    private async Task MonitorAsync(ContainerEventsParameters parameters, ChannelWriter<Message> writer, CancellationToken cancellationToken)
    {
        try
        {
            await _client.System.MonitorEventsAsync(parameters, new SynchronousProgress(writer), cancellationToken);
            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e);
        }
    }

    private static ContainerEvent? Event(Message message)
    {
        if (message.Actor?.ID is not { Length: > 0 } id) return null;
        return message.Action switch
        {
            "die" => new ContainerEvent(id, ContainerEventKind.Died),
            "oom" => new ContainerEvent(id, ContainerEventKind.OutOfMemory),
            "kill" => new ContainerEvent(id, ContainerEventKind.Killed, message.Actor.Attributes?.TryGetValue("signal", out var s) == true ? s : "?"),
            _ => null,
        };
    }

    private static CreateContainerParameters Parameters(ContainerSpec spec) => new()
    {
        Name = spec.Name,
        Image = spec.Image,
        Cmd = spec.Command?.ToList()!, // null: the image's own command
        Env = spec.Environment.ToList(),
        Labels = new Dictionary<string, string>(spec.Labels),
        HostConfig = new HostConfig
        {
            CPUShares = spec.CpuShares,
            CPUPeriod = spec.CpuPeriodMicros,
            CPUQuota = spec.CpuQuotaMicros,
            Memory = spec.MemoryBytes,
            // Swap limit = memory limit: no swap, so going over the limit is an OOM kill, not paging.
            MemorySwap = spec.MemoryBytes,
            PidsLimit = spec.PidsLimit,
            NetworkMode = spec.Network ? "bridge" : "none",
            Privileged = false,
            SecurityOpt = ["no-new-privileges"],
        },
    };

    /// <summary>Docker's status words (created, running, paused, restarting, removing, exited, dead).</summary>
    private static ContainerPhase Phase(string? status) => status switch
    {
        "created" => ContainerPhase.Created,
        "running" or "paused" or "restarting" => ContainerPhase.Running,
        _ => ContainerPhase.Exited,
    };

    private async Task<T> CallAsync<T>(string what, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or JsonException or TimeoutException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ContainerRuntimeException($"could not {what} (Docker at {Endpoint}): {Explain(e)}", e)
            {
                Unreachable = e is HttpRequestException or IOException or TimeoutException or OperationCanceledException,
            };
        }
    }

    /// <summary>The daemon's own message ({"message": "..."}) when it sent one, else the exception's.</summary>
    private static string Explain(Exception e)
    {
        if (e is DockerApiException api)
        {
            try
            {
                using var body = JsonDocument.Parse(api.ResponseBody ?? "");
                if (body.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
                    return text;
            }
            catch (JsonException)
            {
            }
            return $"{(int)api.StatusCode} {api.ResponseBody?.Trim()}";
        }
        return e is OperationCanceledException ? "it did not answer in time" : e.Message;
    }

    private static string Short(string id) => id.Length > 12 ? id[..12] : id;

    /// <summary>Hands each event to the channel as it is read, in order (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class StatsSample(Action<ContainerStatsResponse> take) : IProgress<ContainerStatsResponse>
    {
        public void Report(ContainerStatsResponse value) => take(value);
    }

    private sealed class SynchronousProgress(ChannelWriter<Message> writer) : IProgress<Message>
    {
        public void Report(Message value) => writer.TryWrite(value);
    }
}
