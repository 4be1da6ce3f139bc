namespace ClusterSim.Workloads.Traces;

/// <summary>
/// Bounds on values a reader turns into simulated quantities, so that a damaged or mistyped trace is an error
/// naming its row rather than an arithmetic overflow, a hang or an allocation the machine cannot hold.
/// </summary>
internal static class TraceLimits
{
    /// <summary>
    /// Tasks one job (one row of SWF or SWIM, one Alibaba job) may have: 2^20. The largest jobs of the bundled
    /// traces' families are far below it (Google 2011: about 90,000 tasks; the Parallel Workloads Archive's
    /// largest machines: a few hundred thousand processors).
    /// </summary>
    public const long MaxTasksPerJob = 1 << 20;

    /// <summary>A time or duration in seconds: 10^10 s, over three centuries; simulated time holds far more.</summary>
    public const double MaxSeconds = 1e10;
}
