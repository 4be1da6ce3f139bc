using ClusterSim.Workloads.Traces;
using ClusterSim.Workloads.Traces.Alibaba2018;
using ClusterSim.Workloads.Traces.Google2011;
using ClusterSim.Workloads.Traces.Swf;
using ClusterSim.Workloads.Traces.Swim;

namespace ClusterSim.Experiments.Model;

/// <summary>Opens the reader a <see cref="TraceSource"/> names, with its format-specific options.</summary>
public static class TraceOpener
{
    public static ITraceReader Open(TraceSource source) =>
        source.Fit is { } fit ? new SchedulableTrace(OpenFormat(source), fit) : OpenFormat(source);

    private static ITraceReader OpenFormat(TraceSource source) => source.Format switch
    {
        TraceFormat.Google2011 => new Google2011Reader(source.Path, new Google2011Options
        {
            Trace = source.Options,
            MachineSize = source.Machine ?? new Google2011Options().MachineSize,
            MinPriority = source.PriorityRange?.Low ?? 0,
            MaxPriority = source.PriorityRange?.High ?? 11,
            OpenTasks = source.OpenTasks ?? OpenTaskRule.ClipToWindow,
            Usage = source.Usage,
        }),
        TraceFormat.Swf => new SwfReader(source.Path, new SwfOptions
        {
            Trace = source.Options,
            ProcessorSize = source.ProcessorSize ?? new SwfOptions().ProcessorSize,
            Processors = source.Processors,
        }),
        TraceFormat.Swim => new SwimReader(source.Path, new SwimOptions { Trace = source.Options }),
        TraceFormat.Alibaba2018 => new Alibaba2018Reader(source.Path, new Alibaba2018Options
        {
            Trace = source.Options,
            MachineMemoryMb = source.MachineMemoryMb ?? new Alibaba2018Options().MachineMemoryMb,
            Usage = source.Usage,
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };
}
