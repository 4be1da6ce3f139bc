namespace ClusterSim.Experiments.Fidelity;

/// <summary>
/// How far a live run may stray from its simulation, and why. A live task pays what a simulated one does
/// not: the launch request, creating and starting its container (0.2-0.6 s of wall time each on a small
/// host), and the status updates back; allocation runs on a wall-clock timer. Call that the per-task
/// overhead budget O (wall seconds); in trace time it is O x timeScale. So:
/// <list type="bullet">
/// <item>task start delays and job completion times (and the makespan) may differ by O x timeScale plus 25%
/// of the simulated value (queueing amplifies a late start when the cluster is busy);</item>
/// <item>utilisation and mean role shares (fractions) by 0.05 plus 25% of the simulated value: live tasks
/// hold their resources for their duration plus the overhead, and the shares follow the allocations;</item>
/// <item>Jain's fairness by 0.1: it is a ratio of the shares above;</item>
/// <item>counts of tasks and jobs completed not at all: the same work must get done.</item>
/// </list>
/// </summary>
public sealed record FidelityTolerance(double OverheadWallSeconds, double TimeScale)
{
    public const double Relative = 0.25;
    public const double FractionSlack = 0.05;
    public const double FairnessSlack = 0.1;

    public double OverheadTraceSeconds => OverheadWallSeconds * TimeScale;

    public (double Tolerance, string Why) ForTime(double simulated) =>
        (OverheadTraceSeconds + Relative * Math.Abs(Nan0(simulated)),
            $"{OverheadWallSeconds:0.##} s wall overhead x{TimeScale:0.##} + 25% of simulated");

    public (double Tolerance, string Why) ForFraction(double simulated) =>
        (FractionSlack + Relative * Math.Abs(Nan0(simulated)), "0.05 + 25% of simulated");

    public static (double Tolerance, string Why) ForFairness() => (FairnessSlack, "0.1");

    public static (double Tolerance, string Why) ForCount() => (0, "exact: the same work must get done");

    private static double Nan0(double x) => double.IsNaN(x) ? 0 : x;
}
