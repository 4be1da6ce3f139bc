namespace ClusterSim.Experiments.Running;

/// <summary>
/// One point of a run's time series, kept for the plots and the time-averaged metrics: utilisation (resources
/// in use by tasks over the total) and each role's weighted dominant share of what its tasks use (in the order
/// of <see cref="RunResult.Roles"/>).
/// </summary>
public sealed record Sample(double TimeSeconds, double CpuUtilisation, double MemUtilisation, double[] RoleShares, int PendingTasks)
{
    /// <summary>Each role's dominant share of what its tasks use, not divided by its weight.</summary>
    public double[] RoleDominantShares { get; init; } = [];

    /// <summary>Whether each role wanted more at this instant: pending tasks, or a service below its target.</summary>
    public bool[] RoleDemanding { get; init; } = [];

    /// <summary>Jain's index over the weighted shares of the roles that wanted more (see <see cref="DemandFairness"/>).</summary>
    public double Fairness { get; init; } = double.NaN;

    /// <summary>Mean utilisation of the services' instances, and their unserved load summed (NaN without services).</summary>
    public double ServiceUtilisation { get; init; } = double.NaN;
    public double UnservedLoad { get; init; } = double.NaN;

    /// <summary>The cpus of the agents up (the cluster's capacity then) and how many agents were down.</summary>
    public double CapacityCpus { get; init; }
    public int AgentsDown { get; init; }

    /// <summary>The cpu-seconds of work faults had thrown away by then (0 without faults).</summary>
    public double WorkLostCpuSeconds { get; init; }
}
