using System.Numerics;
using System.Runtime.CompilerServices;

namespace ClusterSim.Core.Loop;

/// <summary>
/// The pending events, as 16-byte <see cref="EventKey"/> values in plain arrays, handed out in (ticks,
/// scheduling position) order. A radix heap (Ahuja, Mehlhorn, Orlin and Tarjan, 1990), which a simulation
/// clock allows because it never runs backwards: every key is at least <see cref="_floor"/>, the time of the
/// last key taken, and sits in the bucket numbered by the highest bit in which its time differs from it.
/// Bucket 0 holds the keys due at the floor itself, in scheduling order; when it runs dry, the lowest
/// non-empty bucket is split around its earliest time into the buckets below.
/// </summary>
/// <remarks>
/// Why not the 4-ary array heap it replaced: at a million pending events every pop of a heap walks ten
/// levels of a 16 MB array, one dependent cache miss after another, and it measured no faster than .NET's
/// PriorityQueue (1.0-1.1x) whatever the layout (aligned sibling groups, 8-ary, branch-free selection). Here
/// a key moves only when its bucket is split, at most once per bit of its distance from the floor and far
/// fewer in practice, and every move is a sequential read and an append.
/// <para>
/// A bucket is a list of fixed-size chunks carved from one pool, and emptied chunks go back to a free list:
/// which buckets are busy shifts as the clock crosses powers of two, and per-bucket arrays would each grow
/// to the whole event set and keep growing now and then for a long time. With chunks, memory is the
/// pending keys plus at most one part-filled chunk per bucket, and nothing is allocated once the pool has
/// reached the run's largest event set.
/// </para>
/// </remarks>
internal sealed class EventHeap
{
    /// <summary>Ticks are below 2^63, so two of them differ at bit 62 at most: buckets 0 to 63.</summary>
    private const int Buckets = 64;
    private const int ChunkShift = 8;
    private const int ChunkSize = 1 << ChunkShift;
    private const int None = -1;

    private EventKey[] _pool = new EventKey[4 * ChunkSize];
    private int[] _nextChunk = new int[4];
    private int _carved;
    private int _freeChunk = None;

    private readonly Bucket[] _buckets = new Bucket[Buckets];

    /// <summary>Bit b is set when bucket b (b &gt; 0) holds keys, so a refill finds the next one at once.</summary>
    private ulong _occupied;

    /// <summary>Keys of bucket 0 already taken from its first chunk.</summary>
    private int _head;
    private ulong _floor;
    private int _count;
    private EventKey[] _scratch = [];

    public int Count => _count;

    /// <summary>The least key. Only valid when <see cref="Count"/> is positive.</summary>
    public ref readonly EventKey Peek()
    {
        if (_buckets[0].Size == 0) Refill();
        return ref _pool[(_buckets[0].First << ChunkShift) + _head];
    }

    /// <summary>
    /// Adds a key. Ticks are never negative (the loop starts at zero and clamps the past to now), so they
    /// order correctly as unsigned numbers.
    /// </summary>
    public void Push(in EventKey key)
    {
        ulong ticks = (ulong)key.Ticks;
        // A key before the floor can only follow a look ahead (Peek moves the floor to the next event's time)
        // and then a clock set short of it (RunUntil); the buckets are rebuilt around the new key.
        if (ticks < _floor) Rebuild(ticks);
        Append(BucketOf(ticks, _floor), key);
        _count++;
    }

    /// <summary>Removes and returns the least key. Only valid when <see cref="Count"/> is positive.</summary>
    public EventKey Pop()
    {
        if (_buckets[0].Size == 0) Refill();
        int chunk = _buckets[0].First;
        var key = _pool[(chunk << ChunkShift) + _head];
        _count--;
        if (--_buckets[0].Size == 0)
        {
            FreeChunk(chunk);
            _head = 0;
        }
        else if (++_head == ChunkSize)
        {
            _buckets[0].First = _nextChunk[chunk];
            FreeChunk(chunk);
            _head = 0;
        }
        return key;
    }

    /// <summary>
    /// Gives the pending keys new scheduling positions 0..Count-1 in their current order, so positions fit
    /// in 32 bits however many events a run schedules.
    /// </summary>
    public uint Renumber()
    {
        var all = TakeAll();
        all.AsSpan().Sort(Compare);
        // In sorted order, keys due at the floor enter bucket 0 in their new positions' order.
        for (int i = 0; i < all.Length; i++)
            Append(BucketOf((ulong)all[i].Ticks, _floor), new EventKey(all[i].Ticks, EventKey.Pack((uint)i, all[i].Slot)));
        return (uint)all.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int BucketOf(ulong ticks, ulong floor) => 64 - BitOperations.LeadingZeroCount(ticks ^ floor);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Append(int bucket, in EventKey key)
    {
        ref var b = ref _buckets[bucket];
        if (b.Size == 0)
        {
            b.First = b.Last = TakeChunk();
            b.Fill = 0;
            _occupied |= 1UL << bucket;
        }
        else if (b.Fill == ChunkSize)
        {
            int chunk = TakeChunk();
            _nextChunk[b.Last] = chunk;
            b.Last = chunk;
            b.Fill = 0;
        }
        _pool[(b.Last << ChunkShift) + b.Fill] = key;
        b.Fill++;
        b.Size++;
    }

    private int TakeChunk()
    {
        int chunk = _freeChunk;
        if (chunk != None)
        {
            _freeChunk = _nextChunk[chunk];
        }
        else
        {
            if (_carved == _nextChunk.Length)
            {
                Array.Resize(ref _pool, _pool.Length * 2);
                Array.Resize(ref _nextChunk, _nextChunk.Length * 2);
            }
            chunk = _carved++;
        }
        _nextChunk[chunk] = None;
        return chunk;
    }

    private void FreeChunk(int chunk)
    {
        _nextChunk[chunk] = _freeChunk;
        _freeChunk = chunk;
    }

    /// <summary>
    /// Bucket 0 is empty: moves the floor to the earliest time in the lowest non-empty bucket and spreads that
    /// bucket's keys over the buckets below it (they share every bit above its number with the new floor, so
    /// each lands strictly lower). Keys reach a bucket in the order they were appended, which is not always
    /// scheduling order, so the keys now due at the floor are sorted by position.
    /// </summary>
    private void Refill()
    {
        _head = 0;
        int bucket = BitOperations.TrailingZeroCount(_occupied & ~1UL);
        int size = _buckets[bucket].Size;
        int first = _buckets[bucket].First;
        _occupied &= ~(1UL << bucket);
        if (size == 1)
        {
            // A lone key (the common case when few events are pending) becomes bucket 0, chunk and all.
            _floor = (ulong)_pool[first << ChunkShift].Ticks;
            _buckets[bucket].Size = 0;
            _buckets[0] = new Bucket { First = first, Last = first, Fill = 1, Size = 1 };
            return;
        }

        ulong min = ulong.MaxValue;
        for (int chunk = first, left = size; chunk != None; chunk = _nextChunk[chunk], left -= ChunkSize)
        {
            int start = chunk << ChunkShift;
            int end = start + Math.Min(left, ChunkSize);
            for (int i = start; i < end; i++)
                if ((ulong)_pool[i].Ticks < min) min = (ulong)_pool[i].Ticks;
        }
        _floor = min;
        _buckets[bucket].Size = 0;
        for (int chunk = first, left = size; chunk != None; left -= ChunkSize)
        {
            int start = chunk << ChunkShift;
            int end = start + Math.Min(left, ChunkSize);
            for (int i = start; i < end; i++) Append(BucketOf((ulong)_pool[i].Ticks, min), _pool[i]);
            int next = _nextChunk[chunk];
            FreeChunk(chunk);
            chunk = next;
        }
        SortDue();
    }

    /// <summary>Puts the keys of bucket 0 (all due at the floor) in scheduling order.</summary>
    private void SortDue()
    {
        int size = _buckets[0].Size;
        if (size <= 1) return;
        if (size <= ChunkSize)
        {
            _pool.AsSpan(_buckets[0].First << ChunkShift, size).Sort(Compare);
            return;
        }
        if (_scratch.Length < size) _scratch = new EventKey[Math.Max(size, 2 * _scratch.Length)];
        CopyBucket(0, _scratch, 0);
        _scratch.AsSpan(0, size).Sort(Compare);
        int at = 0;
        for (int chunk = _buckets[0].First; chunk != None; chunk = _nextChunk[chunk])
        {
            int n = Math.Min(size - at, ChunkSize);
            Array.Copy(_scratch, at, _pool, chunk << ChunkShift, n);
            at += n;
        }
    }

    /// <summary>Lowers the floor to <paramref name="ticks"/> and re-buckets every pending key.</summary>
    private void Rebuild(ulong ticks)
    {
        var all = TakeAll();
        _floor = ticks;
        foreach (var key in all) Append(BucketOf((ulong)key.Ticks, _floor), key);
        SortDue();
    }

    /// <summary>Empties every bucket into a new array (bucket 0 first, in order).</summary>
    private EventKey[] TakeAll()
    {
        var all = new EventKey[_count];
        int n = 0;
        for (int b = 0; b < Buckets; b++)
        {
            if (_buckets[b].Size == 0) continue;
            n = CopyBucket(b, all, n);
            for (int chunk = _buckets[b].First; chunk != None;)
            {
                int next = _nextChunk[chunk];
                FreeChunk(chunk);
                chunk = next;
            }
            _buckets[b].Size = 0;
        }
        _occupied = 0;
        _head = 0;
        return all;
    }

    /// <summary>Copies a bucket's keys, in order, to <paramref name="to"/> at <paramref name="at"/>; returns
    /// the index after the last.</summary>
    private int CopyBucket(int bucket, EventKey[] to, int at)
    {
        int skip = bucket == 0 ? _head : 0;
        int left = _buckets[bucket].Size;
        for (int chunk = _buckets[bucket].First; chunk != None && left > 0; chunk = _nextChunk[chunk])
        {
            int n = Math.Min(left, ChunkSize - skip);
            Array.Copy(_pool, (chunk << ChunkShift) + skip, to, at, n);
            at += n;
            left -= n;
            skip = 0;
        }
        return at;
    }

    /// <summary>A bucket: its chunk list, how full the last chunk is, and how many keys it holds.</summary>
    private struct Bucket
    {
        public int First;
        public int Last;
        public int Fill;
        public int Size;
    }

    /// <summary>Through a cached delegate: sorting with an IComparer would allocate one per call.</summary>
    private static readonly Comparison<EventKey> Compare =
        static (a, b) => EventKey.Less(a, b) ? -1 : EventKey.Less(b, a) ? 1 : 0;
}
