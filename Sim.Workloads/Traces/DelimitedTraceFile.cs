using CsvHelper;

namespace ClusterSim.Workloads.Traces;

/// <summary>
/// Streams the rows of a headerless delimited trace file (CSV, TSV) through CsvHelper, one row in memory
/// at a time, gzipped or plain.
/// </summary>
internal static class DelimitedTraceFile
{
    /// <summary>
    /// The rows of <paramref name="path"/>, each checked to have exactly <paramref name="fieldNames"/>.Count
    /// fields. The yielded <see cref="TraceRecord"/> is the same cursor object every time.
    /// </summary>
    public static IEnumerable<TraceRecord> Rows(string path, char separator, IReadOnlyList<string> fieldNames)
    {
        var options = new CsvReaderOptions
        {
            Separator = separator,
            HasHeader = false,
            // The published traces quote nothing; a stray quote must stay text, not swallow lines.
            Mode = CsvMode.NoEscape,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
        };
        var record = new TraceRecord(path, fieldNames);
        using var csv = CsvReader.Create(TraceFile.Open(path), options, leaveOpen: false);
        while (csv.Read())
        {
            var fields = new string[csv.FieldCount];
            for (int i = 0; i < fields.Length; i++) fields[i] = csv.GetString(i) ?? "";
            record.MoveTo(csv.LineNumber, fields);
            yield return record;
        }
    }
}
