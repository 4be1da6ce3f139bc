using ClusterSim.Core.Timing;

namespace ClusterSim.Workloads.Frameworks;

/// <summary>
/// How long a scheduler thinks before answering: <see cref="PerOffer"/> for each offer it answers, plus
/// <see cref="PerJob"/> for each job it places tasks of and <see cref="PerTask"/> for each task it launches.
/// PerJob and PerTask are the Omega paper's t_job and t_task (Schwarzkopf et al., EuroSys 2013, section 4:
/// a job's decision time is t_job plus t_task for each of its tasks). Under offers the offer is
/// held meanwhile and counts in the framework's share, as in the Mesos paper's analysis of scheduler latency;
/// under a monolithic or shared-state scheduler the scheduler is busy for it, job by job.
/// </summary>
public readonly record struct DecisionTime(Duration PerOffer, Duration PerTask, Duration PerJob = default)
{
    public static readonly DecisionTime None = new(Duration.Zero, Duration.Zero);

    public Duration For(int tasks) => PerOffer + PerTask * tasks;

    /// <summary>An offer answered with <paramref name="tasks"/> tasks of <paramref name="jobs"/> jobs.</summary>
    public Duration For(int jobs, int tasks) => PerOffer + PerJob * jobs + PerTask * tasks;

    /// <summary>One job of <paramref name="tasks"/> tasks decided by a scheduler that sees the whole cell
    /// (no offer): t_job + t_task x tasks.</summary>
    public Duration ForJob(int tasks) => PerJob + PerTask * tasks;

    public bool IsNone => PerOffer == Duration.Zero && PerTask == Duration.Zero && PerJob == Duration.Zero;
}
