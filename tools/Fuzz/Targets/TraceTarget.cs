using ClusterSim.Workloads.Traces;

namespace ClusterSim.Fuzz.Targets;

/// <summary>
/// A trace reader over one table: the input is written as that table's file and streamed through both of the
/// reader's enumerations (as <c>trace stats</c> does). A <see cref="TraceFormatException"/> must name that
/// file; a line, when given, must be one the file has.
/// </summary>
internal sealed class TraceTarget(string name, string fileName, TraceFormat format, bool binary = false)
    : FuzzTarget(name, fileName)
{
    public override bool IsBinary => binary;

    public override void Run(byte[] input, string path)
    {
        try
        {
            TraceStatistics.Compute(format, path).Render();
        }
        catch (TraceFormatException e)
        {
            if (e.File != path) throw new FuzzFinding($"the error names '{e.File}', not the file read", e);
            if (e.Line < 0) throw new FuzzFinding($"the error names line {e.Line}", e);
        }
    }
}
