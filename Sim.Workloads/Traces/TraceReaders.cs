using ClusterSim.Workloads.Traces.Alibaba2018;
using ClusterSim.Workloads.Traces.Google2011;
using ClusterSim.Workloads.Traces.Swf;
using ClusterSim.Workloads.Traces.Swim;

namespace ClusterSim.Workloads.Traces;

/// <summary>Opens a trace of a named format with the common options and each format's defaults.</summary>
public static class TraceReaders
{
    public static ITraceReader Open(TraceFormat format, string path, TraceOptions? options = null)
    {
        var trace = (options ?? TraceOptions.Default).Validated();
        return format switch
        {
            TraceFormat.Google2011 => new Google2011Reader(path, new Google2011Options { Trace = trace }),
            TraceFormat.Swf => new SwfReader(path, new SwfOptions { Trace = trace }),
            TraceFormat.Swim => new SwimReader(path, new SwimOptions { Trace = trace }),
            TraceFormat.Alibaba2018 => new Alibaba2018Reader(path, new Alibaba2018Options { Trace = trace }),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a trace format"),
        };
    }
}
