namespace ClusterSim.Workloads.Traces.Google2011;

/// <summary>
/// The Google task_usage rows joined to the replay (<see cref="GoogleTaskUsage"/>): each attempt's
/// time-weighted mean over the windows it ran in on its machine, and each task's mean over all its windows.
/// An attempt's usage fraction comes from its own mean, else from its task's mean (an attempt the table has no
/// row of: scheduled after the rows end, or measured on no machine it ran on), else none (its framework's
/// <c>usage:</c>); the report counts each.
/// </summary>
internal sealed class GoogleUsageJoin
{
    // GoogleTaskAttempt has reference identity: one entry per attempt object.
    private readonly Dictionary<GoogleTaskAttempt, UsageMean> _attempts = new();
    private readonly Dictionary<(long Job, long Task), UsageMean> _tasks = new();

    public void AddToTask((long Job, long Task) key, double? cpu, double? mem, double seconds)
    {
        if (!_tasks.TryGetValue(key, out var mean)) _tasks[key] = mean = new UsageMean();
        mean.Add(cpu, mem, seconds);
    }

    public void AddToAttempt(GoogleTaskAttempt attempt, double? cpu, double? mem, double seconds)
    {
        if (!_attempts.TryGetValue(attempt, out var mean)) _attempts[attempt] = mean = new UsageMean();
        mean.Add(cpu, mem, seconds);
    }

    /// <summary>The attempt's fraction against its own request (an UPDATE may have changed it), counted in
    /// <paramref name="report"/> by where it came from.</summary>
    public UsageFraction FractionOf(GoogleTaskAttempt attempt, UsageRatio ratio, TraceReport report)
    {
        var own = UsageFraction.Of(_attempts.GetValueOrDefault(attempt), attempt.Cpu, attempt.Mem, ratio);
        if (own.Value is not null)
        {
            report.CountUsage(own);
            return own;
        }
        var task = UsageFraction.Of(_tasks.GetValueOrDefault((attempt.JobId, attempt.TaskIndex)), attempt.Cpu,
            attempt.Mem, ratio);
        report.CountUsage(task, fromTaskMean: task.Value is not null);
        return task;
    }
}
