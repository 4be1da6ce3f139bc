namespace ClusterSim.Workloads.Traces;

/// <summary>
/// Where a trace's measured resource usage is read from and how it becomes each task's usage fraction
/// (Google 2011: the task_usage table; Alibaba 2018: batch_instance). <see cref="Path"/> is found as the
/// trace's own tables are (<see cref="TraceTables"/>): one file whose name (or folder) names the table, a
/// folder with the table's sub-folder, or a folder of files named after it; gzipped or plain.
/// </summary>
public sealed record TraceUsageOptions(string Path)
{
    public UsageRatio Ratio { get; init; } = UsageRatio.Cpu;
}
