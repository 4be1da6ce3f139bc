using ClusterSim.RealAgent.Agent;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ClusterSim.RealAgent.Tests.Live;

/// <summary>
/// Follows the Docker daemon's start and die events of one cluster's task containers for as long as it runs,
/// reconnecting when the daemon restarts (its event history does not survive a restart), so that a test can
/// check afterwards that no task ever had two containers running at once.
/// </summary>
public sealed class ContainerLifetimes : IAsyncDisposable
{
    private readonly DockerClient _client;
    private readonly string _agentPrefix;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(string Task, string Container, string Action, long Nanos)> _events = [];
    private readonly Task _follow;

    public ContainerLifetimes(DockerClient client, string agentPrefix)
    {
        _client = client;
        _agentPrefix = agentPrefix;
        _follow = FollowAsync(DateTimeOffset.UtcNow.AddSeconds(-1));
    }

    private async Task FollowAsync(DateTimeOffset since)
    {
        long last = since.ToUnixTimeMilliseconds() * 1_000_000;
        while (!_stop.IsCancellationRequested)
        {
            var parameters = new ContainerEventsParameters
            {
                Since = $"{last / 1_000_000_000}.{last % 1_000_000_000:D9}",
                Filters = new Dictionary<string, IDictionary<string, bool>>
                {
                    ["type"] = new Dictionary<string, bool> { ["container"] = true },
                    ["event"] = new Dictionary<string, bool> { ["start"] = true, ["die"] = true },
                    ["label"] = new Dictionary<string, bool> { [ContainerLabels.Agent] = true },
                },
            };
            try
            {
                await SettleUnseenDeathsAsync();
                await _client.System.MonitorEventsAsync(parameters, new Progress(m =>
                {
                    IDictionary<string, string> labels = m.Actor?.Attributes ?? new Dictionary<string, string>();
                    if (!labels.TryGetValue(ContainerLabels.Agent, out var agent) || !agent.StartsWith(_agentPrefix, StringComparison.Ordinal)) return;
                    lock (_events)
                    {
                        if (_events.Any(e => e.Container == m.Actor!.ID && e.Action == m.Action)) return; // replayed after a reconnection
                        long at = m.TimeNano ?? 0;
                        _events.Add(($"{labels[ContainerLabels.FrameworkId]}/{labels[ContainerLabels.Task]}", m.Actor!.ID, m.Action, at));
                        last = Math.Max(last, at);
                    }
                }), _stop.Token);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or DockerApiException or TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                await Task.Delay(250, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Containers that died while the event stream was down (a daemon restart loses the events it had not sent):
    /// their end is read from the container itself, while it still exists.
    /// </summary>
    private async Task SettleUnseenDeathsAsync()
    {
        string[] open;
        lock (_events)
            open = _events.GroupBy(e => e.Container).Where(c => c.All(e => e.Action != "die")).Select(c => c.Key).ToArray();
        foreach (var id in open)
        {
            try
            {
                var container = await _client.Containers.InspectContainerAsync(id, _stop.Token);
                // No state (the daemon gives none for a container being removed) is no end to read either.
                if (container.State is not { Running: false } state || !DateTimeOffset.TryParse(state.FinishedAt, System.Globalization.CultureInfo.InvariantCulture,
                        System.Globalization.DateTimeStyles.AssumeUniversal, out var finished) || finished.Year < 2000) continue;
                lock (_events)
                {
                    var task = _events.First(e => e.Container == id).Task;
                    _events.Add((task, id, "die", finished.ToUnixTimeMilliseconds() * 1_000_000));
                }
            }
            catch (DockerContainerNotFoundException)
            {
            }
        }
    }

    /// <summary>Each task whose containers' running intervals overlap, with the overlap; empty when none did.
    /// A container with no die event is taken to run to the end.</summary>
    public IReadOnlyList<string> Overlaps()
    {
        lock (_events)
        {
            var problems = new List<string>();
            foreach (var task in _events.GroupBy(e => e.Task))
            {
                var intervals = task.GroupBy(e => e.Container)
                    .Select(c => (Container: c.Key,
                        Start: c.Where(e => e.Action == "start").Select(e => e.Nanos).DefaultIfEmpty(long.MinValue).Min(),
                        End: c.Where(e => e.Action == "die").Select(e => e.Nanos).DefaultIfEmpty(long.MaxValue).Max()))
                    .OrderBy(i => i.Start).ToArray();
                for (int i = 1; i < intervals.Length; i++)
                    if (intervals[i].Start < intervals[i - 1].End)
                        problems.Add($"task {task.Key}: container {intervals[i].Container[..12]} started before {intervals[i - 1].Container[..12]} died");
            }
            return problems;
        }
    }

    public int Starts
    {
        get { lock (_events) return _events.Count(e => e.Action == "start"); }
    }

    private sealed class Progress(Action<Message> report) : IProgress<Message>
    {
        public void Report(Message value) => report(value);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _follow;
        _stop.Dispose();
    }
}
