using ClusterSim.Core.Timing;

namespace ClusterSim.Workloads.Frameworks;

/// <summary>
/// How long a scheduler thinks before answering an offer: <see cref="PerOffer"/> plus <see cref="PerTask"/>
/// for each task it launches. The offer is held meanwhile and counts in the framework's share, as in the
/// Mesos paper's analysis of scheduler latency.
/// </summary>
public readonly record struct DecisionTime(Duration PerOffer, Duration PerTask)
{
    public static readonly DecisionTime None = new(Duration.Zero, Duration.Zero);

    public Duration For(int tasks) => PerOffer + PerTask * tasks;

    public bool IsNone => PerOffer == Duration.Zero && PerTask == Duration.Zero;
}
