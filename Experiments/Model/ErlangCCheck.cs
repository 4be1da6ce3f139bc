namespace ClusterSim.Experiments.Model;

/// <summary>
/// Asks the report to compare the mean task wait of <see cref="Framework"/> with the M/M/c queue's (Erlang C)
/// value, as SimSharp's M/M/1 sample does: the framework must have Poisson arrivals of one-task jobs with
/// exponential durations, and the cluster's slots for its task size are the servers.
/// <see cref="Allowance"/> (seconds) is added to the 95% confidence interval for allocation latency.
/// </summary>
public sealed record ErlangCCheck(string Framework, double Allowance);
