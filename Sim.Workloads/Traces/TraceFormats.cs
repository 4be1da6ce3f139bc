namespace ClusterSim.Workloads.Traces;

/// <summary>The names of <see cref="TraceFormat"/> values, as configuration files and the CLI spell them.</summary>
public static class TraceFormats
{
    private static readonly (TraceFormat Format, string Name)[] Names =
    [
        (TraceFormat.Google2011, "google-2011"),
        (TraceFormat.Swf, "swf"),
        (TraceFormat.Swim, "swim"),
        (TraceFormat.Alibaba2018, "alibaba-2018"),
    ];

    /// <summary>Every valid name, in declaration order.</summary>
    public static IReadOnlyList<string> ValidNames { get; } = Names.Select(n => n.Name).ToArray();

    public static string Name(TraceFormat format)
    {
        foreach (var (f, name) in Names)
            if (f == format) return name;
        throw new ArgumentOutOfRangeException(nameof(format), format, "not a trace format");
    }

    /// <summary>What is wrong with a name <see cref="TryParse"/> refused: it, and the valid names.</summary>
    public static string Unknown(string? name) =>
        $"unknown trace format '{name}', expected one of: {string.Join(", ", ValidNames)}";

    /// <summary>Parses a format name exactly (case-sensitive, as the names are documented).</summary>
    public static bool TryParse(string? name, out TraceFormat format)
    {
        foreach (var (f, n) in Names)
        {
            if (n != name) continue;
            format = f;
            return true;
        }
        format = default;
        return false;
    }
}
