namespace ClusterSim.Workloads.Traces;

/// <summary>
/// The trace formats the readers understand. Their names in configuration and on the command line are
/// exactly <c>google-2011</c>, <c>swf</c>, <c>swim</c> and <c>alibaba-2018</c> (see <see cref="TraceFormats"/>).
/// </summary>
public enum TraceFormat
{
    /// <summary>Google cluster trace 2011 (clusterdata-2011-2): task_events, job_events, machine_events.</summary>
    Google2011,

    /// <summary>Standard Workload Format v2.2 of the Parallel Workloads Archive.</summary>
    Swf,

    /// <summary>SWIM Facebook Hadoop workloads (TSV of byte counts).</summary>
    Swim,

    /// <summary>Alibaba cluster-trace-v2018: machine_meta and batch_task.</summary>
    Alibaba2018,
}
