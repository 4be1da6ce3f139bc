using ClusterSim.Workloads.Traces.Alibaba2018;
using ClusterSim.Workloads.Traces.Google2011;
using ClusterSim.Workloads.Traces.Swf;
using ClusterSim.Workloads.Traces.Swim;

namespace ClusterSim.Workloads.Traces;

/// <summary>Opens a trace of a named format with the common options and each format's defaults.</summary>
public static class TraceReaders
{
    /// <param name="usage">The trace's usage table (google-2011, alibaba-2018 only).</param>
    /// <exception cref="ArgumentException">A usage table for a format that has none.</exception>
    public static ITraceReader Open(TraceFormat format, string path, TraceOptions? options = null, TraceUsageOptions? usage = null)
    {
        var trace = (options ?? TraceOptions.Default).Validated();
        if (usage != null && !HasUsage(format))
            throw new ArgumentException($"{TraceFormats.Name(format)} traces have no usage table (google-2011 and alibaba-2018 do)");
        return format switch
        {
            TraceFormat.Google2011 => new Google2011Reader(path, new Google2011Options { Trace = trace, Usage = usage }),
            TraceFormat.Swf => new SwfReader(path, new SwfOptions { Trace = trace }),
            TraceFormat.Swim => new SwimReader(path, new SwimOptions { Trace = trace }),
            TraceFormat.Alibaba2018 => new Alibaba2018Reader(path, new Alibaba2018Options { Trace = trace, Usage = usage }),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a trace format"),
        };
    }

    /// <summary>Whether the format publishes per-task usage the readers can join (Google task_usage, Alibaba batch_instance).</summary>
    public static bool HasUsage(TraceFormat format) => format is TraceFormat.Google2011 or TraceFormat.Alibaba2018;
}
