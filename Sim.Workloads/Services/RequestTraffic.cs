using ClusterSim.Core.Loop;
using ClusterSim.Core.Random;
using ClusterSim.Core.Timing;
using ClusterSim.Workloads.Frameworks;

namespace ClusterSim.Workloads.Services;

/// <summary>
/// A service's requests, one by one: a non-homogeneous Poisson process drawn by thinning (Lewis and Shedler,
/// 1979) from the rate curve, one loop event per request; each routed by the load balancer to a serving
/// instance's FIFO queue (<see cref="RequestServer"/>) or dropped when no instance serves or the chosen one's
/// queue is at its limit. Arrivals, service times and routing draw from three streams seeded from the run
/// seed and the service's name, so variants that differ only in balancing or scaling see the same requests.
/// An instance serves from when its task is running. One taken out of service on purpose (scaled in)
/// receives nothing new and finishes what it holds (connection draining); one that ends otherwise (lost with
/// its agent, failed) drops what it holds. Counts and the run's latency cover requests that arrived in the
/// measurement window; latency is sojourn time (queueing plus service).
/// </summary>
public sealed class RequestTraffic : ITimerHandler
{
    private readonly ILoop _loop;
    private readonly RequestSettings _settings;
    private readonly RandomStream _arrivals, _serviceTimes, _routing;
    private readonly double _peak;
    private readonly bool _thinned;

    // Whether an autoscaler reads latency: only then is every completion also kept for it.
    private readonly bool _readsLatency;
    private readonly List<RequestServer> _serving = [];
    private readonly List<RequestServer> _draining = [];
    private readonly Dictionary<TrackedTask, RequestServer> _byTask = new(ReferenceEqualityComparer.Instance);
    private readonly LatencyHistogram _interval = new(), _scaleWindow = new();
    private double _next;
    private int _cursor;

    // Cumulative work admitted (seconds of service) and serving instance-seconds, for utilisations over
    // any period: each reader keeps the values at its period's start.
    private double _work, _servingSeconds, _servingSince;
    private double _intervalWork, _intervalServing, _scaleWork, _scaleServing;
    private long _intervalArrived, _intervalDropped;
    private double _windowServingStart = double.NaN, _windowServingEnd = double.NaN;

    public RequestTraffic(ILoop loop, RequestSettings settings, long seed, string name, bool readsLatency = false)
    {
        _readsLatency = readsLatency;
        _loop = loop;
        _settings = settings;
        _arrivals = RandomStream.For(seed, name + "/requests");
        _serviceTimes = RandomStream.For(seed, name + "/service-times");
        _routing = RandomStream.For(seed, name + "/routing");
        _peak = settings.PeakPerSecond;
        _thinned = settings.PerSecond.Amplitude != 0;
    }

    public RequestSettings Settings => _settings;

    /// <summary>The measurement window, in seconds (to: null for the end of the run).</summary>
    public (double From, double? To) Window { get; set; } = (0, null);

    public long Arrived { get; private set; }
    public long Completed { get; private set; }

    /// <summary>Requests not served: no instance serving, the queue at its limit, or lost with their instance.</summary>
    public long Dropped { get; private set; }

    /// <summary>Of <see cref="Dropped"/>, those that found the chosen instance's queue at its limit.</summary>
    public long QueueFull { get; private set; }

    /// <summary>Latencies of the requests completed (arrived in the window).</summary>
    public LatencyHistogram Latency { get; } = new();

    public int Serving => _serving.Count;

    /// <summary>Starts the arrivals (and the window's bookkeeping of serving instances).</summary>
    public void Start()
    {
        var (from, to) = Window;
        if (from > 0) _loop.At(Time.FromSeconds(from), () => _windowServingStart = ServingSecondsNow());
        if (to is { } end) _loop.At(Time.FromSeconds(end), () => _windowServingEnd = ServingSecondsNow());
        _next = NextArrival(_loop.Now.Seconds);
        Schedule();
    }

    private void Schedule()
    {
        if (double.IsFinite(_next) && _next < Time.MaxValue.Seconds / 2)
            _loop.At(new Time((long)Math.Ceiling(_next * 1_000_000.0)), this, 0);
    }

    private double NextArrival(double from)
    {
        if (_peak <= 0) return double.PositiveInfinity;
        double t = from;
        while (true)
        {
            t += -Math.Log(1.0 - _arrivals.NextDouble()) / _peak;
            if (!_thinned) return t;
            if (_arrivals.NextDouble() * _peak <= _settings.PerSecond.AtSeconds(t)) return t;
        }
    }

    void ITimerHandler.OnTimer(long arg)
    {
        double t = _next;
        Arrive(t, Math.Max(0, _settings.ServiceTime.Sample(_serviceTimes)));
        _next = NextArrival(t);
        Schedule();
    }

    private bool InWindow(double arrival) => arrival >= Window.From && (Window.To is not { } to || arrival <= to);

    private void Arrive(double t, double service)
    {
        bool counted = InWindow(t);
        if (counted) Arrived++;
        _intervalArrived++;
        var server = Route(t);
        if (server == null)
        {
            Drop(counted);
            return;
        }
        if (server.Waiting >= _settings.QueueLimit)
        {
            if (counted) QueueFull++;
            Drop(counted);
            return;
        }
        server.Admit(t, service);
        _work += service;
    }

    private void Drop(bool counted)
    {
        if (counted) Dropped++;
        _intervalDropped++;
    }

    private RequestServer? Route(double t)
    {
        int n = _serving.Count;
        if (n == 0) return null;
        RequestServer pick;
        switch (_settings.Balancer)
        {
            case LoadBalancing.Random:
                pick = _serving[n == 1 ? 0 : _routing.Next(n)];
                break;
            case LoadBalancing.RoundRobin:
                if (_cursor >= n) _cursor = 0;
                pick = _serving[_cursor++];
                break;
            default:
                pick = _serving[0];
                Settle(pick, t);
                for (int i = 1; i < n; i++)
                {
                    var s = _serving[i];
                    Settle(s, t);
                    if (s.InSystem < pick.InSystem) pick = s;
                }
                return pick;
        }
        Settle(pick, t);
        return pick;
    }

    private void Settle(RequestServer server, double now)
    {
        while (server.TrySettle(now, out double arrival, out double departure))
        {
            double latency = departure - arrival;
            _interval.Add(latency);
            if (_readsLatency) _scaleWindow.Add(latency);
            if (!InWindow(arrival)) continue;
            Completed++;
            Latency.Add(latency);
        }
    }

    /// <summary>Settles every instance up to now, so counts and latencies are complete to this instant.</summary>
    public void SettleAll()
    {
        double now = _loop.Now.Seconds;
        foreach (var s in _serving) Settle(s, now);
        for (int i = _draining.Count - 1; i >= 0; i--)
        {
            Settle(_draining[i], now);
            if (_draining[i].InSystem == 0) _draining.RemoveAt(i);
        }
    }

    /// <summary>The instance's task is running: it serves from now.</summary>
    public void Add(TrackedTask task)
    {
        if (_byTask.ContainsKey(task)) return;
        AccrueServing();
        var server = new RequestServer(task, _settings.Concurrency);
        _byTask.Add(task, server);
        _serving.Add(server);
    }

    /// <summary>The instance is being scaled in: it takes nothing new and drains what it holds.</summary>
    public void Retire(TrackedTask task)
    {
        if (!_byTask.Remove(task, out var server)) return;
        AccrueServing();
        RemoveServing(server);
        Settle(server, _loop.Now.Seconds);
        if (server.InSystem > 0) _draining.Add(server);
    }

    /// <summary>The instance ended unexpectedly: what it still held is dropped.</summary>
    public void Lose(TrackedTask task)
    {
        if (!_byTask.Remove(task, out var server)) return;
        AccrueServing();
        RemoveServing(server);
        Settle(server, _loop.Now.Seconds);
        while (server.TryTakeAny(out double arrival)) Drop(InWindow(arrival));
    }

    private void RemoveServing(RequestServer server)
    {
        int i = _serving.IndexOf(server);
        _serving.RemoveAt(i);
        if (i < _cursor) _cursor--;
    }

    private void AccrueServing()
    {
        double now = _loop.Now.Seconds;
        _servingSeconds += _serving.Count * (now - _servingSince);
        _servingSince = now;
    }

    private double ServingSecondsNow()
    {
        AccrueServing();
        return _servingSeconds;
    }

    /// <summary>What the autoscaler reads over the period since its last reading (NaN: nothing to read),
    /// and the start of a new period.</summary>
    public double ReadMetric(AutoscaleMetric metric)
    {
        SettleAll();
        double serving = ServingSecondsNow() - _scaleServing;
        double work = _work - _scaleWork;
        _scaleServing = _servingSeconds;
        _scaleWork = _work;
        double value = metric == AutoscaleMetric.Utilisation
            ? serving > 0 ? work / (serving * _settings.Concurrency) : double.NaN
            : _scaleWindow.Quantile(0.95);
        _scaleWindow.Clear();
        return value;
    }

    /// <summary>What happened since the last call (for services.csv), and the start of a new interval.</summary>
    public RequestInterval TakeInterval()
    {
        SettleAll();
        double serving = ServingSecondsNow() - _intervalServing;
        double work = _work - _intervalWork;
        var interval = new RequestInterval(_intervalArrived, _interval.Count, _intervalDropped,
            _interval.Mean, _interval.Quantile(0.95), serving > 0 ? work / (serving * _settings.Concurrency) : double.NaN);
        _intervalServing = _servingSeconds;
        _intervalWork = _work;
        _intervalArrived = 0;
        _intervalDropped = 0;
        _interval.Clear();
        return interval;
    }

    /// <summary>The mean number of serving instances over the measurement window of a run that ended at
    /// <paramref name="end"/> (seconds).</summary>
    public double MeanServing(double end)
    {
        double from = Window.From, to = Window.To is { } t && t < end ? t : end;
        if (!(to > from)) return double.NaN;
        double startValue = from > 0 ? _windowServingStart : 0;
        double endValue = Window.To is { } w && w < end ? _windowServingEnd : ServingSecondsNow();
        return double.IsNaN(startValue) || double.IsNaN(endValue) ? double.NaN : (endValue - startValue) / (to - from);
    }
}
