namespace ClusterSim.Experiments.Model;

/// <summary>
/// Asks the report to compare the mean time from a job's submission to its placement under a monolithic
/// scheduler with the M/D/1 queue's: Poisson arrivals, one server, a constant service time (the job's
/// decision time t_job + t_task x tasks), so Pollaczek-Khinchine's mean wait plus the decision time.
/// <see cref="Allowance"/> (seconds) is added to the simulated mean's 95% confidence interval.
/// </summary>
public sealed record MdOneCheck(string Framework, double Allowance);
