using System.Buffers.Binary;
using System.IO.Compression;

namespace ClusterSim.Workloads.Traces;

/// <summary>
/// The decompressed bytes of a gzip file, checked against the file's end. .NET's GZipStream checks the CRC of
/// each member it finishes, but a file cut inside its last member simply ends early (no error), which would
/// replay a shorter trace; so this stream keeps the CRC-32 and length of everything it returned and, on
/// reaching the end, checks them against the last member's trailer (RFC 1952, section 2.3: CRC32 and ISIZE,
/// the length mod 2^32, in the file's last eight bytes). Any damage becomes a
/// <see cref="TraceFormatException"/> naming the file.
/// </summary>
/// <remarks>
/// A file of several members (gzip a b > c) ends in the last member's trailer, which covers only that
/// member's bytes, the last ISIZE bytes of the output. Its CRC follows from the CRC of the whole output and
/// that of the bytes before it (<see cref="Crc32.Suffix"/>), which a second pass over that prefix gives; only
/// such files pay for it.
/// </remarks>
internal sealed class CheckedGzipStream : Stream
{
    private const int TrailerBytes = 8;

    // The smallest gzip member: a 10-byte header, an empty deflate block (2 bytes) and the trailer.
    private const int SmallestMember = 10 + 2 + TrailerBytes;

    private readonly string _path;
    private readonly FileStream _file;
    private readonly GZipStream _gzip;
    private uint _crc;
    private long _length;
    private bool _checked;

    public CheckedGzipStream(string path, FileStream file)
    {
        _path = path;
        _file = file;
        _gzip = new GZipStream(file, CompressionMode.Decompress);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        int read;
        try
        {
            read = _gzip.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw Damaged($"the data after {_length} decompressed bytes is invalid ({e.Message})");
        }
        if (read > 0)
        {
            _crc = Crc32.Append(_crc, buffer[..read]);
            _length += read;
        }
        else if (!_checked)
        {
            _checked = true;
            CheckTrailer();
        }
        return read;
    }

    private void CheckTrailer()
    {
        long size = _file.Length;
        if (size < SmallestMember)
            throw Damaged($"a file of {size} bytes, too short to hold a gzip member and its trailer");
        Span<byte> trailer = stackalloc byte[TrailerBytes];
        RandomAccess.Read(_file.SafeFileHandle, trailer, size - TrailerBytes);
        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        uint isize = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
        if (isize == (uint)_length && crc == _crc) return;
        // Several members: the last one is the output's last ISIZE (mod 2^32) bytes.
        long start = _length - isize;
        while (start > 0)
        {
            if (Crc32.Suffix(_crc, PrefixCrc(start), _length - start) == crc) return;
            start -= 1L << 32;
        }
        throw Damaged($"it ends after {_length} decompressed bytes without the trailer that closes the data " +
            $"(the file is cut short, or its last bytes are damaged)");
    }

    /// <summary>The CRC of the first <paramref name="count"/> decompressed bytes, from a second pass over the file.</summary>
    private uint PrefixCrc(long count)
    {
        using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        var buffer = new byte[1 << 16];
        uint crc = 0;
        while (count > 0)
        {
            int read = gzip.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (read == 0) break;
            crc = Crc32.Append(crc, buffer.AsSpan(0, read));
            count -= read;
        }
        return crc;
    }

    private TraceFormatException Damaged(string found) =>
        TraceFormatException.OfFile(_path, "gzip data", "a complete gzip file (RFC 1952) ending in its CRC-32 and length trailer", found);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _gzip.Dispose();
        base.Dispose(disposing);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
