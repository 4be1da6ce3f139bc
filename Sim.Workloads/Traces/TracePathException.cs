namespace ClusterSim.Workloads.Traces;

/// <summary>
/// A trace path that does not say which of the format's tables it holds (a file or folder named after none
/// of them). The message names the path and the names expected; it is a mistake in how the trace was given,
/// not in its contents (that is a <see cref="TraceFormatException"/>).
/// </summary>
public sealed class TracePathException : IOException
{
    public TracePathException(string path, string message) : base(message) => Path = path;

    public string Path { get; }
}
