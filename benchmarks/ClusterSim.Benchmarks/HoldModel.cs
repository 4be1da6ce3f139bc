namespace ClusterSim.Benchmarks;

/// <summary>
/// The classic hold model for event-set benchmarks (Vaucher and Duval, 1975): keep N events pending; each
/// step removes the earliest and schedules one at a random later time, so the set stays at N. Increments are
/// drawn once, up front, from an exponential distribution with a mean of one second, so that every queue
/// under test sees the same sequence and none pays for a random generator inside the timed loop.
/// </summary>
public sealed class HoldModel
{
    private const int TableSize = 1 << 16;
    private readonly long[] _micros = new long[TableSize];
    private int _next;

    public HoldModel(int seed = 42)
    {
        var random = new Random(seed);
        for (int i = 0; i < TableSize; i++)
            _micros[i] = 1 + (long)(-Math.Log(1.0 - random.NextDouble()) * 1_000_000.0);
    }

    /// <summary>The next increment, in microseconds (at least one, so time always moves forward).</summary>
    public long NextIncrement() => _micros[_next++ & (TableSize - 1)];

    /// <summary>Restarts the sequence, so that two queues can be fed identical increments.</summary>
    public void Rewind() => _next = 0;
}
