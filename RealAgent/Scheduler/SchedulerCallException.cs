namespace ClusterSim.RealAgent.Scheduler;

/// <summary>A malformed scheduler API call: the field (a JSON path such as accept.offer_ids[0]) and what was
/// expected. It becomes a 400 answer naming both.</summary>
public sealed class SchedulerCallException(string field, string problem, int status = 400) : Exception($"{field}: {problem}")
{
    public string Field { get; } = field;

    /// <summary>400, or 413 for a body over the size limit.</summary>
    public int Status { get; } = status;
}
