using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ClusterSim.Core.Ids;
using ClusterSim.Core.Loop;
using ClusterSim.Core.Resources;
using ClusterSim.Experiments.Model;
using R = ClusterSim.Core.Resources.Resources;

namespace ClusterSim.Experiments.Running;

/// <summary>
/// The cluster as a run against a standing master sees it: its own frameworks' holdings (from their
/// <see cref="ObservedDriver"/>s) and the registered agents' total, which it reads from the master's /state
/// about once a second in the background. Weights are the experiment file's (the master may run other
/// tenants' frameworks: this counts the run's own).
/// </summary>
public sealed class RemoteClusterView : IClusterView, IAsyncDisposable
{
    private readonly ExperimentSpec _spec;
    private readonly List<ObservedDriver> _drivers = [];
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly Uri _master;
    private readonly Action<string> _log;
    private Task _poller = Task.CompletedTask;
    private R _total;

    public RemoteClusterView(ILoop loop, ExperimentSpec spec, IReadOnlyList<Uri> masters, string principal, string secret, Action<string> log)
    {
        Loop = loop;
        _spec = spec;
        _master = masters[0];
        _http = new HttpClient(new RealAgent.Live.LeaderFollowingHandler(masters)) { Timeout = TimeSpan.FromSeconds(10) };
        _log = log;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{principal}:{secret}")));
    }

    public ILoop Loop { get; }

    public void Add(ObservedDriver driver) => _drivers.Add(driver);

    /// <summary>Reads the cluster's size once (so the first sample has it), then keeps it up to date.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var total = await ReadTotalAsync(cancellationToken);
        lock (_drivers) _total = total;
        _poller = Task.Run(() => PollAsync(_stop.Token), CancellationToken.None);
    }

    private async Task PollAsync(CancellationToken token)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(token))
            {
                try
                {
                    var total = await ReadTotalAsync(token);
                    lock (_drivers) _total = total;
                }
                catch (Exception e) when (e is HttpRequestException or JsonException or IOException || (e is TaskCanceledException && !token.IsCancellationRequested))
                {
                    _log($"could not read the master's /state ({e.Message}); keeping the last cluster size");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<R> ReadTotalAsync(CancellationToken token)
    {
        using var response = await _http.GetAsync(new Uri(_master, "state"), token);
        response.EnsureSuccessStatusCode();
        using var state = JsonDocument.Parse(await response.Content.ReadAsStringAsync(token));
        var total = R.Empty;
        foreach (var agent in state.RootElement.GetProperty("agents").EnumerateArray())
            total += R.Of(cpus: agent.GetProperty("cpus").GetDouble(), mem: agent.GetProperty("mem").GetDouble());
        return total;
    }

    public R Total
    {
        get { lock (_drivers) return _total; }
    }

    public R Allocated => _drivers.Aggregate(R.Empty, (sum, d) => sum + d.Allocation);

    public int OutstandingOffers => _drivers.Sum(d => d.OutstandingOffers);

    public bool IsRegistered(FrameworkId framework) => Driver(framework) != null;

    public R Allocation(FrameworkId framework) => Driver(framework)?.Allocation ?? R.Empty;
    public R Allocation(FrameworkId framework, string role) => Driver(framework)?.AllocationIn(role) ?? R.Empty;

    public double Weight(string role) => _spec.Roles.TryGetValue(role, out var r) ? r.Weight : 1;

    public ResourceKindSet FairnessExcluded => _spec.Policy.FairnessExcluded;

    private ObservedDriver? Driver(FrameworkId framework) =>
        _drivers.FirstOrDefault(d => d.IsSubscribed && d.Framework == framework);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _poller;
        _http.Dispose();
        _stop.Dispose();
    }
}
