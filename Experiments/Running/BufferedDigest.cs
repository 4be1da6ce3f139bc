using System.Security.Cryptography;

namespace ClusterSim.Experiments.Running;

/// <summary>
/// SHA-256 over a stream of small records. Each call into the platform's hash costs far more than hashing a
/// 64-byte record (a run appends millions of them), so records are gathered in a buffer and handed over in
/// blocks; the digest is the same as appending them one by one. A full block is hashed on a worker thread
/// while the run fills the other one (the hash was 3% of a large run's thread; blocks are hashed one at a
/// time, in order, so the digest is the same bytes' digest).
/// </summary>
internal sealed class BufferedDigest : IDisposable
{
    private const int BlockSize = 256 * 1024;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer = new byte[BlockSize];
    private byte[] _spare = new byte[BlockSize];
    private int _used;
    // The block being hashed on the worker, if any; the next block waits for it.
    private Task? _hashing;

    /// <summary>Space for a record of up to <paramref name="length"/> bytes; <see cref="Commit"/> says how
    /// much of it was written.</summary>
    public Span<byte> Reserve(int length)
    {
        if (_buffer.Length - _used < length) HandOver();
        return _buffer.AsSpan(_used, length);
    }

    public void Commit(int written) => _used += written;

    /// <summary>The hash of everything appended so far, in hex; more may be appended afterwards.</summary>
    public string CurrentHex()
    {
        Settle();
        if (_used > 0) _hash.AppendData(_buffer, 0, _used);
        _used = 0;
        return Convert.ToHexStringLower(_hash.GetCurrentHash());
    }

    /// <summary>Hands the filled block to the worker (after the one before it is hashed) and takes the other.</summary>
    private void HandOver()
    {
        if (_used == 0) return;
        Settle();
        var block = _buffer;
        int used = _used;
        _hashing = Task.Run(() => _hash.AppendData(block, 0, used));
        _buffer = _spare;
        _spare = block;
        _used = 0;
    }

    private void Settle()
    {
        _hashing?.GetAwaiter().GetResult();
        _hashing = null;
    }

    public void Dispose()
    {
        Settle();
        _hash.Dispose();
    }
}
