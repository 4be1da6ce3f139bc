namespace ClusterSim.Core.Resources;

/// <summary>
/// A resource string (<c>cpus:2;mem:1024</c>) that does not parse. The message names the offending part, the
/// whole text and what was expected; <see cref="Column"/> locates the part in the text.
/// </summary>
public sealed class ResourceFormatException : FormatException
{
    public ResourceFormatException(string? text, int column, string message) : base(message)
    {
        Text = text ?? "";
        Column = column;
    }

    /// <summary>The text as given.</summary>
    public string Text { get; }

    /// <summary>1-based position in <see cref="Text"/> of the part that is wrong (1 when the whole text is).</summary>
    public int Column { get; }
}
