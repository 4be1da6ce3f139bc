using System.Globalization;

namespace ClusterSim.Workloads.Traces;

/// <summary>
/// The current row of a trace file with typed, schema-checked access to its fields. Every parse failure
/// becomes a <see cref="TraceFormatException"/> naming the file, line and field (by its schema name).
/// A record is a cursor: its values change when the enumeration that produced it moves on.
/// </summary>
internal sealed class TraceRecord
{
    private readonly IReadOnlyList<string> _fieldNames;
    private string[] _fields = [];

    public TraceRecord(string file, IReadOnlyList<string> fieldNames)
    {
        File = file;
        _fieldNames = fieldNames;
    }

    public string File { get; }

    /// <summary>1-based line of the row in the (decompressed) file.</summary>
    public long Line { get; private set; }

    /// <summary>Moves the cursor to a new row, checking that it has exactly the schema's field count.</summary>
    public void MoveTo(long line, string[] fields)
    {
        Line = line;
        _fields = fields;
        if (fields.Length != _fieldNames.Count)
            throw new TraceFormatException(File, line, fields.Length < _fieldNames.Count
                    ? _fieldNames[fields.Length]
                    : $"(extra field {fields.Length})",
                $"{_fieldNames.Count} fields ({string.Join(", ", _fieldNames)})",
                $"{fields.Length} fields", Math.Min(fields.Length, _fieldNames.Count) + 1);
    }

    /// <summary>The field's text, or null when the cell is empty.</summary>
    public string? TextOrNull(int index) => _fields[index].Length == 0 ? null : _fields[index];

    public string Text(int index) =>
        TextOrNull(index) ?? throw Error(index, "a value", "an empty cell");

    public long Long(int index) =>
        LongOrNull(index) ?? throw Error(index, "an integer", "an empty cell");

    /// <summary>An integer (int64), or null for an empty cell.</summary>
    public long? LongOrNull(int index)
    {
        var s = _fields[index];
        if (s.Length == 0) return null;
        if (long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)) return v;
        throw Error(index, "an integer", $"'{s}'");
    }

    public double Double(int index) =>
        DoubleOrNull(index) ?? throw Error(index, "a number", "an empty cell");

    /// <summary>A number in invariant culture (3.815e-06 included), or null for an empty cell.</summary>
    public double? DoubleOrNull(int index)
    {
        var s = _fields[index];
        if (s.Length == 0) return null;
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v))
            return v;
        throw Error(index, "a number", $"'{s}'");
    }

    /// <summary>An integer from <paramref name="min"/> to <paramref name="max"/>, or null for an empty cell.</summary>
    public long? LongOrNull(int index, long min, long max)
    {
        var v = LongOrNull(index);
        if (v is { } x && (x < min || x > max))
            throw Error(index, $"an integer from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}", $"'{_fields[index]}'");
        return v;
    }

    public long Long(int index, long min, long max) =>
        LongOrNull(index, min, max) ?? throw Error(index, "an integer", "an empty cell");

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>, or null for an empty cell.</summary>
    public double? DoubleOrNull(int index, double min, double max)
    {
        var v = DoubleOrNull(index);
        if (v is { } x && (x < min || x > max))
            throw Error(index, $"a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}", $"'{_fields[index]}'");
        return v;
    }

    public double Double(int index, double min, double max) =>
        DoubleOrNull(index, min, max) ?? throw Error(index, "a number", "an empty cell");

    /// <summary>An error about field <paramref name="index"/> of this row.</summary>
    public TraceFormatException Error(int index, string expected, string found) =>
        new(File, Line, _fieldNames[index], expected, found, index + 1);
}
