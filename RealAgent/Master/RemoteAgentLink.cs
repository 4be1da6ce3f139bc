using System.Net.Http.Json;
using System.Threading.Channels;
using ClusterSim.Core.Agents;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Tasks;
using ClusterSim.RealAgent.Live;
using ClusterSim.RealAgent.Protocol;

namespace ClusterSim.RealAgent.Master;

/// <summary>
/// How the master reaches an agent daemon: launch and kill become HTTP POSTs to the agent's listen URL. The
/// master calls this on the loop thread, so nothing here waits: requests go into a queue that one sender
/// drains in order (a kill never overtakes the launch it kills). A launch the agent cannot be reached for
/// is reported FAILED back on the loop after a few tries; an agent that stays unreachable is removed by the
/// heartbeat timeout, which reports its tasks LOST.
/// </summary>
public sealed class RemoteAgentLink : IAgentLink, IDisposable
{
    /// <summary>The image and command a task runs when its framework names none: burns its cpus.</summary>
    public const string DefaultImage = "clustersim/busybox:local";

    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    private readonly LiveLoop _loop;
    private readonly Core.Cluster.Master _master;
    private readonly HttpClient _http;
    private readonly Channel<(string Path, object Body, Action? OnFailure)> _requests =
        Channel.CreateUnbounded<(string, object, Action?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();

    private readonly System.Net.Http.Headers.AuthenticationHeaderValue _credentials;

    public RemoteAgentLink(string agentName, string url, LiveLoop loop, Core.Cluster.Master master, HttpClient http,
        System.Net.Http.Headers.AuthenticationHeaderValue credentials)
    {
        _credentials = credentials;
        AgentName = agentName;
        Url = url;
        _loop = loop;
        _master = master;
        _http = http;
        _ = Task.Run(SendAsync);
    }

    public string AgentName { get; }

    /// <summary>The share of its cpus a task's default command keeps busy (<see cref="TaskLaunch.Usage"/>); null, or
    /// none given: all.</summary>
    public Func<FrameworkId, TaskSpec, double?>? Usage { get; init; }

    /// <summary>Where the agent listens; replaced when it re-registers from another address.</summary>
    public string Url { get; set; }

    public void Launch(FrameworkId framework, TaskSpec task)
    {
        var name = _master.FrameworkInfoOf(framework).Name;
        var container = task.Container;
        double? wall = task.Duration.IsForever ? null : task.Duration.Seconds / _loop.TimeScale;
        var launch = new TaskLaunch(framework.Value, name, task.Id.Value, task.Resources.Cpus, task.Resources.Mem, wall,
            container?.Image ?? DefaultImage, container?.Command, container?.Network ?? false,
            _master.FrameworkInfoOf(framework).HasCapability(Core.Cluster.Master.PartitionAware),
            // The master launches a task after recording it, so its role says whether it is revocable.
            _master.RoleOf(framework, task.Id) == Core.Oversubscription.RevocableResources.Role,
            container?.Command == null ? Usage?.Invoke(framework, task) : null);
        var agentName = AgentName;
        _requests.Writer.TryWrite(("/api/tasks/launch", launch, () => _loop.Post(() =>
        {
            if (_master.TryFindAgent(agentName, out var agent))
                _master.UpdateTaskStatus(agent, framework, task.Id, TaskState.Failed, $"agent {agentName} at {Url} could not be reached to launch the task");
        })));
    }

    public void Kill(FrameworkId framework, TaskId task) =>
        _requests.Writer.TryWrite(("/api/tasks/kill", new TaskKill(framework.Value, task.Value), null));

    private async Task SendAsync()
    {
        var token = _stop.Token;
        try
        {
            await foreach (var (path, body, onFailure) in _requests.Reader.ReadAllAsync(token))
            {
                bool sent = false;
                for (int attempt = 0; attempt <= Backoff.Length && !sent && !token.IsCancellationRequested; attempt++)
                {
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, Url.TrimEnd('/') + path)
                        {
                            Content = JsonContent.Create(body, body.GetType(), options: ProtocolJson.Options),
                        };
                        request.Headers.Authorization = _credentials;
                        using var response = await _http.SendAsync(request, token);
                        sent = response.IsSuccessStatusCode;
                    }
                    catch (HttpRequestException)
                    {
                    }
                    catch (TaskCanceledException) when (!token.IsCancellationRequested)
                    {
                        // The request timed out; try again.
                    }
                    if (!sent && attempt < Backoff.Length) await Task.Delay(Backoff[attempt], token);
                }
                if (!sent) onFailure?.Invoke();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _requests.Writer.TryComplete();
        _stop.Cancel();
    }
}
