using ClusterSim.Workloads.Frameworks;

namespace ClusterSim.Workloads.Services;

/// <summary>
/// One running instance as a server: <c>concurrency</c> slots and one FIFO queue. A request's departure is
/// known when it arrives (it starts when the earliest slot frees, after everything before it: Lindley's
/// recursion), so a request costs no event of its own; the requests still in the instance are kept by
/// departure time and settled (counted as completed) lazily, whenever the instance is looked at.
/// </summary>
internal sealed class RequestServer
{
    private readonly double[] _slotFree;
    private readonly PriorityQueue<double, double> _inSystem = new();

    // The earliest departure in the instance (infinity when empty): most looks find nothing to settle, and
    // least-connections looks at every instance for every request.
    private double _nextDeparture = double.PositiveInfinity;

    public RequestServer(TrackedTask task, int concurrency)
    {
        Task = task;
        _slotFree = new double[concurrency];
    }

    public TrackedTask Task { get; }

    /// <summary>Requests queued or in service, as of the last <see cref="TrySettle"/> up to now.</summary>
    public int InSystem => _inSystem.Count;

    /// <summary>Requests waiting for a slot.</summary>
    public int Waiting => Math.Max(0, _inSystem.Count - _slotFree.Length);

    /// <summary>Admits a request arriving at <paramref name="arrival"/> needing <paramref name="service"/>
    /// seconds; returns its departure.</summary>
    public double Admit(double arrival, double service)
    {
        int slot = 0;
        for (int i = 1; i < _slotFree.Length; i++)
            if (_slotFree[i] < _slotFree[slot]) slot = i;
        double start = Math.Max(arrival, _slotFree[slot]);
        double departure = start + service;
        _slotFree[slot] = departure;
        _inSystem.Enqueue(arrival, departure);
        if (departure < _nextDeparture) _nextDeparture = departure;
        return departure;
    }

    /// <summary>Takes out the next request that has left by <paramref name="now"/>, if any.</summary>
    public bool TrySettle(double now, out double arrival, out double departure)
    {
        if (_nextDeparture > now)
        {
            arrival = departure = 0;
            return false;
        }
        _inSystem.TryDequeue(out arrival, out departure);
        _nextDeparture = _inSystem.TryPeek(out _, out double next) ? next : double.PositiveInfinity;
        return true;
    }

    /// <summary>Takes out any request still in the instance (its instance is gone).</summary>
    public bool TryTakeAny(out double arrival)
    {
        _nextDeparture = double.PositiveInfinity;
        return _inSystem.TryDequeue(out arrival, out _);
    }
}
