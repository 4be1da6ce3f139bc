namespace ClusterSim.Fuzz.Targets;

/// <summary>
/// One parser under fuzzing: what it is called, the file name its input is written under (the readers find
/// tables by name), and how it is run. An input passes when the parser reads it or rejects it with the
/// project's own error carrying a location; any other exception is a finding.
/// </summary>
internal abstract class FuzzTarget
{
    protected FuzzTarget(string name, string fileName)
    {
        Name = name;
        FileName = fileName;
    }

    /// <summary>The name on the command line and the corpus folder's name (tests/fuzz-corpus/NAME).</summary>
    public string Name { get; }

    /// <summary>The name the input is written under, in a folder of its own.</summary>
    public string FileName { get; }

    /// <summary>True when the input is binary (gzip): mutations then work on bytes, not on text.</summary>
    public virtual bool IsBinary => false;

    /// <summary>
    /// Runs the parser over <paramref name="input"/>, written to <paramref name="path"/>. Returns normally when
    /// the input was read or rejected as it should be; throws <see cref="FuzzFinding"/> or lets any other
    /// exception through otherwise.
    /// </summary>
    public abstract void Run(byte[] input, string path);
}
