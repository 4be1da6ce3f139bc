using System.Collections;
using System.Runtime.InteropServices;
using MathNet.Numerics.Statistics;

namespace ClusterSim.Experiments.Running;

/// <summary>
/// Values observed one by one over a run (task waits, job completion times) for the summary's mean and
/// quantiles, in memory that does not grow with the run: past <see cref="InMemory"/> values they go to a
/// temporary file, and the quantiles are then selected exactly from it. Mean and quantiles are the same
/// numbers, to the bit, as MathNet's <c>Mean</c> and <c>Quantile</c> (R-8) over a list of the values in the
/// order they were added.
/// </summary>
/// <remarks>
/// The mean is MathNet's running mean (ArrayStatistics.Mean: mean += (x - mean) / ++m), kept as the values
/// arrive. A quantile needs two order statistics; from the file each is found by a radix selection over the
/// values' order-preserving 64-bit keys, 16 bits a pass (four sequential reads), with 65,536 counters.
/// </remarks>
public sealed class ObservedValues : IReadOnlyList<double>, IDisposable
{
    /// <summary>How many values are kept in memory before the series goes to disk (2 MB).</summary>
    public const int DefaultInMemory = 1 << 18;

    private const int Block = 1 << 16;
    private double[] _buffer;
    private int _buffered;
    private FileStream? _spill;
    private long _spilled;
    private double _mean;
    private ulong _count;

    public ObservedValues(int inMemory = DefaultInMemory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inMemory, 1);
        _buffer = new double[Math.Min(inMemory, 1024)];
        InMemory = inMemory;
    }

    /// <summary>Values kept in memory before the series goes to disk.</summary>
    public int InMemory { get; }

    /// <summary>Whether the values are all in memory (none went to disk).</summary>
    public bool IsInMemory => _spill == null;

    public int Count => checked((int)_count);

    public void Add(double value)
    {
        _mean += (value - _mean) / ++_count;
        if (_buffered == _buffer.Length)
        {
            if (_buffered < InMemory && _spill == null) Grow();
            else Spill();
        }
        _buffer[_buffered++] = value;
    }

    /// <summary>The mean (NaN when empty), as MathNet's.</summary>
    public double Mean => _count == 0 ? double.NaN : _mean;

    /// <summary>The <paramref name="tau"/>-quantile (R-8; NaN when empty), as MathNet's
    /// <c>Quantile</c> of the values.</summary>
    public double Quantile(double tau)
    {
        if (_count == 0) return double.NaN;
        if (_spill == null) return _buffer.AsSpan(0, _buffered).ToArray().Quantile(tau);
        // ArrayStatistics.QuantileInplace, with its order statistics selected from the file.
        if (tau < 0d || tau > 1d) return double.NaN;
        long n = (long)_count;
        double h = (n + 1d / 3d) * tau + 1d / 3d;
        var hf = (int)h;
        if (hf <= 0 || tau == 0d) return Select(0);
        if (hf >= n || tau == 1d) return Select(n - 1);
        var a = Select(hf - 1);
        var b = Select(hf);
        return a + (h - hf) * (b - a);
    }

    /// <summary>The values as an array when they are all in memory; null when they went to disk.</summary>
    public double[]? ToArrayIfInMemory() => _spill == null ? _buffer.AsSpan(0, _buffered).ToArray() : null;

    public double this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((ulong)index, _count);
            if (index >= _spilled) return _buffer[index - _spilled];
            _spill!.Flush();
            Span<double> one = stackalloc double[1];
            RandomAccess.Read(_spill.SafeFileHandle, MemoryMarshal.AsBytes(one), (long)index * sizeof(double));
            return one[0];
        }
    }

    public IEnumerator<double> GetEnumerator()
    {
        var block = new double[Block];
        for (long at = 0; at < _spilled; at += Block)
        {
            int n = ReadBlock(at, block);
            for (int i = 0; i < n; i++) yield return block[i];
        }
        for (int i = 0; i < _buffered; i++) yield return _buffer[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Dispose()
    {
        _spill?.Dispose();
        _spill = null;
    }

    private void Grow()
    {
        var bigger = new double[Math.Min(InMemory, 2 * _buffer.Length)];
        _buffer.AsSpan(0, _buffered).CopyTo(bigger);
        _buffer = bigger;
    }

    private void Spill()
    {
        _spill ??= OpenSpill();
        _spill.Seek(0, SeekOrigin.End);
        _spill.Write(MemoryMarshal.AsBytes(_buffer.AsSpan(0, _buffered)));
        _spilled += _buffered;
        _buffered = 0;
    }

    private static FileStream OpenSpill()
    {
        var path = Path.Combine(Path.GetTempPath(), $"clustersim-values-{Guid.NewGuid():N}.bin");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        // Unlinked at once where the open handle keeps it readable (Unix), so a killed run leaves no file behind;
        // elsewhere DeleteOnClose removes it when the run ends.
        if (!OperatingSystem.IsWindows()) File.Delete(path);
        return file;
    }

    private int ReadBlock(long at, double[] block)
    {
        _spill!.Flush();
        int n = (int)Math.Min(Block, _spilled - at);
        var bytes = MemoryMarshal.AsBytes(block.AsSpan(0, n));
        int read = 0;
        while (read < bytes.Length)
        {
            int r = RandomAccess.Read(_spill.SafeFileHandle, bytes[read..], at * sizeof(double) + read);
            if (r <= 0) throw new IOException("the temporary file of observed values ended early");
            read += r;
        }
        return n;
    }

    /// <summary>The value of 0-based rank <paramref name="rank"/> in ascending order: fixes the key 16 bits
    /// at a time, highest first, counting the values that agree with what is fixed so far.</summary>
    private double Select(long rank)
    {
        var counts = new long[1 << 16];
        var block = new double[Block];
        ulong prefix = 0;
        for (int shift = 48; shift >= 0; shift -= 16)
        {
            Array.Clear(counts);
            // Keys agreeing with the prefix in every bit above this digit.
            ulong mask = shift == 48 ? 0 : ~0UL << (shift + 16);
            void Count(ReadOnlySpan<double> values)
            {
                foreach (var v in values)
                {
                    ulong key = Key(v);
                    if ((key & mask) == prefix) counts[(int)((key >> shift) & 0xFFFF)]++;
                }
            }
            for (long at = 0; at < _spilled; at += Block) Count(block.AsSpan(0, ReadBlock(at, block)));
            Count(_buffer.AsSpan(0, _buffered));
            int digit = 0;
            while (rank >= counts[digit]) rank -= counts[digit++];
            prefix |= (ulong)digit << shift;
        }
        return FromKey(prefix);
    }

    private const ulong Sign = 1UL << 63;

    /// <summary>A 64-bit key that orders as the double does (negatives reversed below the positives).</summary>
    private static ulong Key(double value)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        return (bits & Sign) != 0 ? ~bits : bits | Sign;
    }

    private static double FromKey(ulong key) =>
        BitConverter.UInt64BitsToDouble((key & Sign) != 0 ? key & ~Sign : ~key);
}
