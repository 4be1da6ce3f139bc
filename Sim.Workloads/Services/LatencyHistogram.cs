namespace ClusterSim.Workloads.Services;

/// <summary>
/// Request latencies in bounded memory: a log-bucketed histogram in the manner of HdrHistogram (Tene), whose
/// bucket is a double's exponent and the top <see cref="MantissaBits"/> bits of its mantissa, so a bucket
/// spans at most 2^-7 (0.78%) of its lower edge and a quantile read at the bucket's midpoint is within
/// 0.4% of the true sample quantile. Values are clamped to [1 µs, 2^20 s] (1 µs to about 12 days): 41
/// octaves of 128 buckets, 42 KB whatever the number of requests. The mean is exact (a running sum).
/// MathNet.Numerics has no streaming quantile (its Histogram keeps a bucket list searched per value), and a
/// day at 400 requests/s would otherwise keep 35 million latencies.
/// </summary>
public sealed class LatencyHistogram
{
    private const int MantissaBits = 7;
    private const double Lowest = 1e-6;
    private const double Highest = 1 << 20;
    private static readonly long LowestKey = Key(Lowest);
    private readonly long[] _counts = new long[Key(Highest) - LowestKey + 1];

    public long Count { get; private set; }
    public double Sum { get; private set; }
    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    // A positive double's bits grow with its value, so the high bits are a monotone bucket key.
    private static long Key(double value) => BitConverter.DoubleToInt64Bits(value) >> (52 - MantissaBits);

    public void Add(double seconds)
    {
        Count++;
        Sum += seconds;
        double v = seconds < Lowest ? Lowest : seconds > Highest ? Highest : seconds;
        _counts[Key(v) - LowestKey]++;
    }

    public void Clear()
    {
        if (Count == 0) return;
        Array.Clear(_counts);
        Count = 0;
        Sum = 0;
    }

    /// <summary>The q-quantile (the smallest value with at least ceil(q n) values at or below it), read at
    /// its bucket's midpoint; NaN when empty.</summary>
    public double Quantile(double q)
    {
        if (Count == 0) return double.NaN;
        long rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen < rank) continue;
            double low = BitConverter.Int64BitsToDouble((i + LowestKey) << (52 - MantissaBits));
            double high = BitConverter.Int64BitsToDouble((i + LowestKey + 1) << (52 - MantissaBits));
            return (low + high) / 2;
        }
        return Highest;
    }
}
