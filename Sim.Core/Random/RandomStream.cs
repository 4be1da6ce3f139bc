namespace ClusterSim.Core.Random;

/// <summary>
/// A seeded pseudo-random stream (xoshiro256**, seeded through SplitMix64). It derives from
/// <see cref="System.Random"/> so MathNet.Numerics distributions can draw from it, but its sequence is ours:
/// it does not change with the .NET version, so a seed means the same run everywhere.
/// </summary>
public sealed class RandomStream : System.Random
{
    private ulong _s0, _s1, _s2, _s3;

    public RandomStream(ulong seed)
    {
        Reseed(seed);
    }

    /// <summary>Starts the stream over from <paramref name="seed"/>, as a new stream with that seed would,
    /// without allocating one (hot paths derive a stream per agent visit).</summary>
    public void Reseed(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>
    /// The stream of the component named <paramref name="name"/> in the run seeded with <paramref name="seed"/>.
    /// Each component's draws depend only on the seed and its own name, so adding a component never shifts
    /// another's.
    /// </summary>
    public static RandomStream For(long seed, string name)
    {
        ulong mixed = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ Fnv1a64(name);
        return new RandomStream(mixed);
    }

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A double in [0, 1) with 53 random bits.</summary>
    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    protected override double Sample() => NextDouble();

    public override int Next() => (int)(NextUInt64() >> 33);

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return maxValue == 0 ? 0 : (int)NextBounded((ulong)maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (int)(minValue + (long)NextBounded((ulong)((long)maxValue - minValue)));
    }

    public override long NextInt64() => (long)(NextUInt64() >> 1);

    public override long NextInt64(long maxValue) => NextInt64(0, maxValue);

    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        ulong range = (ulong)(maxValue - minValue);
        return range == 0 ? minValue : minValue + (long)NextBounded(range);
    }

    public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

    public override void NextBytes(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)(NextUInt64() >> 56);
    }

    public override float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    /// <summary>Unbiased integer in [0, bound) by rejection (Lemire's method without the multiply trick).</summary>
    private ulong NextBounded(ulong bound)
    {
        if (bound == 0) return 0;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            ulong r = NextUInt64();
            if (r >= threshold) return r % bound;
        }
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>FNV-1a over the UTF-16 code units: stable across processes, unlike string.GetHashCode.</summary>
    private static ulong Fnv1a64(string name)
    {
        ulong hash = 0xCBF29CE484222325UL;
        foreach (char c in name)
        {
            hash ^= c;
            hash *= 0x100000001B3UL;
        }
        return hash;
    }
}
