namespace ClusterSim.Experiments.Fidelity;

/// <summary>
/// How far a live run may stray from its simulation, and why. A live task pays what a simulated one does
/// not: the launch request, creating and starting its container, and the status updates back. Measured on
/// the 2-core test host: about 0.8 s of wall time per task from offer to RUNNING when the host is quiet
/// (docker create + start + wait + rm alone take 0.5 s), about 2 s on average and 3-4 s at the 95th
/// percentile under a load average of 20, nearly all of it docker start (1.3 s on average there). So the
/// per-task overhead budget O (wall seconds) is the larger of the budget asked for (default 2.5) and 1 s
/// (launch and status requests, the wall-clock allocation timer) plus the container start time the live
/// run's agents measured: what is checked is the scheduling, net of how slow the host's container runtime
/// was. In trace time O is O x timeScale. So:
/// <list type="bullet">
/// <item>mean and median task start delays and job completion times (and the makespan) may differ by
/// O x timeScale plus 25% of the simulated value (a late start delays the tasks queued behind it);</item>
/// <item>95th percentiles by twice that overhead: they are the slow tail of container starts;</item>
/// <item>utilisation and mean role shares (fractions of the cluster held) by 0.05 plus (25% + O x timeScale / D)
/// of the simulated value, D being the simulated tasks' mean duration: a live task holds its resources from
/// its launch to its reported end, its duration plus up to O, so what is held grows by up to O / D;</item>
/// <item>Jain's fairness by 0.1: it is a ratio of the shares above;</item>
/// <item>counts of tasks and jobs completed not at all: the same work must get done.</item>
/// </list>
/// </summary>
public sealed record FidelityTolerance(double OverheadWallSeconds, double TimeScale, double MeanTaskSeconds)
{
    public const double DefaultOverheadWallSeconds = 2.5;
    public const double Relative = 0.25;
    public const double FractionSlack = 0.05;
    public const double FairnessSlack = 0.1;

    public double OverheadTraceSeconds => OverheadWallSeconds * TimeScale;

    /// <summary>The overhead budget: the one asked for, or 1 s plus the measured container start time if larger.</summary>
    public static double Budget(double asked, double containerStartMeanSeconds) =>
        double.IsFinite(containerStartMeanSeconds) ? Math.Max(asked, 1.0 + containerStartMeanSeconds) : asked;

    public (double Tolerance, string Why) ForTime(double simulated) =>
        (OverheadTraceSeconds + Relative * Math.Abs(Nan0(simulated)),
            $"{OverheadWallSeconds:0.##} s wall overhead x{TimeScale:0.##} + 25% of simulated");

    public (double Tolerance, string Why) ForTail(double simulated) =>
        (2 * OverheadTraceSeconds + Relative * Math.Abs(Nan0(simulated)),
            $"2 x {OverheadWallSeconds:0.##} s wall overhead x{TimeScale:0.##} + 25% of simulated");

    /// <summary>How much longer a live task holds its resources than a simulated one, at most, as a fraction.</summary>
    public double HoldingGrowth => MeanTaskSeconds > 0 ? OverheadTraceSeconds / MeanTaskSeconds : 0;

    public (double Tolerance, string Why) ForHeld(double simulated) =>
        (FractionSlack + (Relative + HoldingGrowth) * Math.Abs(Nan0(simulated)),
            $"0.05 + (25% + {HoldingGrowth * 100:0}% holding growth) of simulated");

    public static (double Tolerance, string Why) ForFairness() => (FairnessSlack, "0.1");

    public static (double Tolerance, string Why) ForCount() => (0, "exact: the same work must get done");

    private static double Nan0(double x) => double.IsNaN(x) ? 0 : x;
}
