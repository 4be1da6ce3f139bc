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
        new UsageTraceTarget("google-task-usage", "task_usage.csv", TraceFormat.Google2011, "task_events.csv", GoogleTasks),
        new UsageTraceTarget("alibaba-batch-instance", "batch_instance.csv", TraceFormat.Alibaba2018, "batch_task.csv", AlibabaTasks),
    ];

    // The task tables the usage targets join their input to: two Google tasks of job 1 (SUBMIT, SCHEDULE on
    // machine 7, FINISH; task 1 evicted at 300 s and run again on machine 8 until it is still running at the
    // rows' end), and a task of job 2 running before the first row, whose usage rows the join attributes per
    // attempt; and two Alibaba tasks of job j_1 (a DAG of M1 then R2_1), written to the published schemas.
    private const string GoogleTasks = """
        1000000,,1,0,,0,u,0,9,0.5,0.25,0,0
        1000000,,1,1,,0,u,0,9,0.25,0.5,0,0
        2000000,,1,0,7,1,u,0,9,0.5,0.25,0,0
        2000000,,1,1,7,1,u,0,9,0.25,0.5,0,0
        300000000,,1,1,7,2,u,0,9,0.25,0.5,0,0
        300000000,,1,1,,0,u,0,9,0.25,0.5,0,0
        310000000,,1,1,8,1,u,0,9,0.25,0.5,0,0
        400000000,,2,0,9,4,u,0,9,0.125,0.125,0,0
        500000000,,1,0,7,4,u,0,9,0.5,0.25,0,0

        """;

    private const string AlibabaTasks = """
        M1,2,j_1,1,Terminated,100,200,50,2
        R2_1,1,j_1,1,Terminated,210,260,100,4

        """;

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
