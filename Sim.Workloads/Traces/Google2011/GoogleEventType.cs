namespace ClusterSim.Workloads.Traces.Google2011;

/// <summary>
/// Event types of the 2011 trace's task_events and job_events (schema doc, "clusterdata-2011-2"). The 2019
/// trace renumbers them (1 QUEUE, 2 ENABLE, 3 SCHEDULE, ...); these are the 2011 codes only.
/// </summary>
internal enum GoogleEventType
{
    Submit = 0,
    Schedule = 1,
    Evict = 2,
    Fail = 3,
    Finish = 4,
    Kill = 5,
    Lost = 6,
    UpdatePending = 7,
    UpdateRunning = 8,
}
