namespace ClusterSim.Experiments.Running;

/// <summary>One point of a run's time series, kept for the plots: utilisation and each role's weighted
/// dominant share (in the order of <see cref="RunResult.Roles"/>).</summary>
public sealed record Sample(double TimeSeconds, double CpuUtilisation, double MemUtilisation, double[] RoleShares, int PendingTasks);
