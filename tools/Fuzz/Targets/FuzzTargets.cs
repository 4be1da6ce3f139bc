using ClusterSim.Workloads.Traces;

namespace ClusterSim.Fuzz.Targets;

/// <summary>Every fuzz target, by name: the resource-string parser and each trace reader's tables.</summary>
internal static class FuzzTargets
{
    public static readonly IReadOnlyList<FuzzTarget> All =
    [
        new ResourceTarget(),
        new TraceTarget("swf", "trace.swf", TraceFormat.Swf),
        new TraceTarget("swf-gzip", "trace.swf.gz", TraceFormat.Swf, binary: true),
        new TraceTarget("swim", "trace.tsv", TraceFormat.Swim),
        new TraceTarget("google-task-events", "task_events.csv", TraceFormat.Google2011),
        new TraceTarget("google-job-events", "job_events.csv", TraceFormat.Google2011),
        new TraceTarget("google-machine-events", "machine_events.csv", TraceFormat.Google2011),
        new TraceTarget("alibaba-machine-meta", "machine_meta.csv", TraceFormat.Alibaba2018),
        new TraceTarget("alibaba-batch-task", "batch_task.csv", TraceFormat.Alibaba2018),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
