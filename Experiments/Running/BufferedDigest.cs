using System.Security.Cryptography;

namespace ClusterSim.Experiments.Running;

/// <summary>
/// SHA-256 over a stream of small records. Each call into the platform's hash costs far more than hashing a
/// 64-byte record (a run appends millions of them), so records are gathered in a buffer and handed over in
/// blocks; the digest is the same as appending them one by one.
/// </summary>
internal sealed class BufferedDigest : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _used;

    /// <summary>Space for a record of up to <paramref name="length"/> bytes; <see cref="Commit"/> says how
    /// much of it was written.</summary>
    public Span<byte> Reserve(int length)
    {
        if (_buffer.Length - _used < length) Flush();
        return _buffer.AsSpan(_used, length);
    }

    public void Commit(int written) => _used += written;

    /// <summary>The hash of everything appended so far, in hex; more may be appended afterwards.</summary>
    public string CurrentHex()
    {
        Flush();
        return Convert.ToHexStringLower(_hash.GetCurrentHash());
    }

    private void Flush()
    {
        if (_used == 0) return;
        _hash.AppendData(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose() => _hash.Dispose();
}
