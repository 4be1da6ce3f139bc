namespace ClusterSim.Workloads.Traces;

/// <summary>Opens a trace file for streaming, decompressing it when it is gzipped.</summary>
internal static class TraceFile
{
    /// <summary>
    /// A forward-only stream of the file's (decompressed) bytes. Gzip is recognised by the <c>.gz</c> suffix or
    /// by the gzip magic bytes 1f 8b (RFC 1952, section 2.3.1), so a renamed file still reads. A gzipped file read
    /// to its end is checked against its trailer (<see cref="CheckedGzipStream"/>): a cut or damaged file is a
    /// <see cref="TraceFormatException"/>, never a shorter trace.
    /// </summary>
    public static Stream Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"trace file '{path}' does not exist", path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16,
            FileOptions.SequentialScan);
        try
        {
            if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || HasGzipMagic(file))
                return new CheckedGzipStream(path, file);
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>A reader of the file's text (UTF-8), decompressed as <see cref="Open"/> does.</summary>
    public static StreamReader OpenText(string path) => new(Open(path));

    private static bool HasGzipMagic(FileStream file)
    {
        Span<byte> head = stackalloc byte[2];
        int read = file.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && head[0] == 0x1f && head[1] == 0x8b;
    }
}
