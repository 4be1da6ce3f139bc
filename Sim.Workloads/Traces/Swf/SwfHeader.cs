using System.Globalization;

namespace ClusterSim.Workloads.Traces.Swf;

/// <summary>
/// The header of an SWF log: the <c>; Key: value</c> comment lines before the first job (SWF v2.2 defines
/// MaxNodes, MaxProcs, UnixStartTime, MaxJobs, MaxRecords and others). Continuation lines without a key
/// are ignored; a repeated key (Note) keeps its first value.
/// </summary>
public sealed class SwfHeader
{
    private readonly Dictionary<string, (string Value, long Line)> _keys;

    private SwfHeader(string file, Dictionary<string, (string, long)> keys)
    {
        File = file;
        _keys = keys;
    }

    public string File { get; }

    /// <summary>The 1-based line of <paramref name="key"/>'s header line, or null when the header lacks it.</summary>
    public long? LineOf(string key) => _keys.TryGetValue(key, out var v) ? v.Line : null;

    public long? MaxProcs => Integer("MaxProcs");
    public long? MaxNodes => Integer("MaxNodes");

    /// <summary>Reads the header lines of <paramref name="path"/> (gzipped or plain), stopping at the first job line.</summary>
    public static SwfHeader Read(string path)
    {
        using var text = TraceFile.OpenText(path);
        var keys = new Dictionary<string, (string, long)>(StringComparer.Ordinal);
        long lineNumber = 0;
        while (text.ReadLine() is { } line)
        {
            lineNumber++;
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0) continue;
            if (trimmed[0] != ';') break;
            AddKey(keys, trimmed[1..], lineNumber);
        }
        return new SwfHeader(path, keys);
    }

    private static void AddKey(Dictionary<string, (string, long)> keys, string comment, long line)
    {
        int colon = comment.IndexOf(':');
        if (colon <= 0) return;
        var key = comment[..colon].Trim();
        if (key.Length == 0 || !key.All(char.IsLetterOrDigit)) return;
        keys.TryAdd(key, (comment[(colon + 1)..].Trim(), line));
    }

    private long? Integer(string key)
    {
        if (!_keys.TryGetValue(key, out var entry)) return null;
        if (long.TryParse(entry.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) return v;
        throw new TraceFormatException(File, entry.Line, key, "an integer header value", $"'{entry.Value}'");
    }
}
