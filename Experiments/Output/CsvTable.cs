using System.Globalization;
using CsvHelper;

namespace ClusterSim.Experiments.Output;

/// <summary>
/// A CSV file written row by row through CsvHelper, with a fixed header and invariant, fixed number
/// formatting so that the same run always gives the same bytes.
/// </summary>
public sealed class CsvTable : IDisposable
{
    private static readonly CsvWriterOptions Options = new() { NewLine = "\n" };

    private readonly CsvWriter _csv;
    private readonly int _columns;
    private int _field;

    public CsvTable(string path, params string[] header)
    {
        _csv = CsvWriter.ToFile(path, Options, FileOptions.SequentialScan);
        _columns = header.Length;
        _csv.WriteHeader(header);
    }

    public long Rows { get; private set; }

    public CsvTable Add(string? value)
    {
        _csv.WriteField(value ?? "");
        _field++;
        return this;
    }

    // Numbers are formatted on the stack and written as spans: a string each was a few per cent of a run.
    public CsvTable Add(long value)
    {
        Span<char> text = stackalloc char[20];
        value.TryFormat(text, out int n, default, CultureInfo.InvariantCulture);
        _csv.WriteField(text[..n]);
        _field++;
        return this;
    }

    /// <summary>Writes a number with at most six decimals; NaN (no value) as an empty cell.</summary>
    public CsvTable Add(double value)
    {
        // Every number the runs write fits 32 characters; only a huge one takes the long way.
        Span<char> text = stackalloc char[32];
        if (!CsvNumber.TryFormat(value, text, out int n)) return Add(Format(value));
        _csv.WriteField(text[..n]);
        _field++;
        return this;
    }

    public CsvTable Add(double? value) => value is { } v ? Add(v) : Add("");

    public void EndRow()
    {
        if (_field != _columns) throw new InvalidOperationException($"a row has {_field} fields, the header {_columns}");
        _csv.EndRecord();
        _field = 0;
        Rows++;
    }

    public static string Format(double value)
    {
        Span<char> text = stackalloc char[CsvNumber.MaxLength];
        CsvNumber.TryFormat(value, text, out int n);
        return new string(text[..n]);
    }

    public void Dispose()
    {
        _csv.Flush();
        _csv.Dispose();
    }
}
