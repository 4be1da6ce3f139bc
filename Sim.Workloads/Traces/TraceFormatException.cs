namespace ClusterSim.Workloads.Traces;

/// <summary>
/// A trace file that does not follow its format's schema. The message names the file, the line, the field,
/// what was expected and what was found, so that the user can open the file at that line and see the problem.
/// </summary>
public sealed class TraceFormatException : FormatException
{
    public TraceFormatException(string file, long line, string field, string expected, string found)
        : base($"{file}:{line}: field '{field}': expected {expected}, found {found}")
    {
        File = file;
        Line = line;
        Field = field;
        Expected = expected;
        Found = found;
    }

    public string File { get; }

    /// <summary>1-based line number in the (decompressed) file.</summary>
    public long Line { get; }

    public string Field { get; }
    public string Expected { get; }
    public string Found { get; }
}
