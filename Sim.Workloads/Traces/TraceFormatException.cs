namespace ClusterSim.Workloads.Traces;

/// <summary>
/// A trace file that does not follow its format's schema, or whose bytes are damaged. The message names the
/// file, the line (for a row), the field, what was expected and what was found, so that the user can open
/// the file at that line and see the problem.
/// </summary>
public sealed class TraceFormatException : FormatException
{
    /// <param name="column">The field's 1-based column in a delimited row (its position in the schema); 0 when
    /// not known (a header line, a whole-file problem).</param>
    public TraceFormatException(string file, long line, string field, string expected, string found, int column = 0)
        : base(line > 0
            ? $"{file}:{line}: field '{field}'{(column > 0 ? $" (column {column})" : "")}: expected {expected}, found {found}"
            : $"{file}: {field}: expected {expected}, found {found}")
    {
        File = file;
        Line = line;
        Column = column;
        Field = field;
        Expected = expected;
        Found = found;
    }

    /// <summary>A problem with the file as a whole (its compression, its layout), not with one row.</summary>
    public static TraceFormatException OfFile(string file, string what, string expected, string found) =>
        new(file, 0, what, expected, found);

    public string File { get; }

    /// <summary>1-based line number in the (decompressed) file; 0 when the problem is the file as a whole.</summary>
    public long Line { get; }

    /// <summary>1-based column of the field in a delimited row; 0 when not known.</summary>
    public int Column { get; }

    /// <summary>The field (by its schema name), or for a whole-file problem what part of the file is wrong.</summary>
    public string Field { get; }
    public string Expected { get; }
    public string Found { get; }
}
