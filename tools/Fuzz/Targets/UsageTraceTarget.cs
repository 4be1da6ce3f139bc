using ClusterSim.Workloads.Traces;

namespace ClusterSim.Fuzz.Targets;

/// <summary>
/// A trace's usage table (Google task_usage, Alibaba batch_instance): the input is written as that table's file
/// beside a small, fixed task table whose tasks the usage rows join (<paramref name="taskTable"/>, written under
/// <paramref name="taskFile"/>), and the trace is read with the input as its usage table, as <c>trace stats
/// --usage</c> reads it. A <see cref="TraceFormatException"/> must name the input; a line, when given, one it has.
/// </summary>
internal sealed class UsageTraceTarget(string name, string fileName, TraceFormat format, string taskFile, string taskTable)
    : FuzzTarget(name, fileName)
{
    public override void Run(byte[] input, string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        File.WriteAllText(Path.Combine(folder, taskFile), taskTable);
        try
        {
            TraceStatistics.Compute(format, folder, usage: new TraceUsageOptions(path)).Render();
        }
        catch (TraceFormatException e)
        {
            if (e.File != path) throw new FuzzFinding($"the error names '{e.File}', not the usage table read", e);
            if (e.Line < 0) throw new FuzzFinding($"the error names line {e.Line}", e);
        }
    }
}
