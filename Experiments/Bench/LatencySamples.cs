namespace ClusterSim.Experiments.Bench;

/// <summary>
/// Latencies recorded from many threads while a window is open, read as percentiles afterwards. Kept whole
/// (a few hundred thousand doubles at most) rather than in a histogram, so percentiles are exact.
/// </summary>
public sealed class LatencySamples
{
    private readonly Lock _lock = new();
    private readonly List<double> _values = [];
    private volatile bool _open;

    public void Open() => _open = true;
    public void Close() => _open = false;
    public bool IsOpen => _open;

    public void Add(double value)
    {
        if (!_open) return;
        lock (_lock) _values.Add(value);
    }

    public int Count
    {
        get { lock (_lock) return _values.Count; }
    }

    /// <summary>The nearest-rank percentile (q in 0..1); NaN with no samples.</summary>
    public double Percentile(double q)
    {
        double[] sorted;
        lock (_lock) sorted = [.. _values];
        if (sorted.Length == 0) return double.NaN;
        Array.Sort(sorted);
        int rank = (int)Math.Ceiling(q * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
