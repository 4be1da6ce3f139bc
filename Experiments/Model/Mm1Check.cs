namespace ClusterSim.Experiments.Model;

/// <summary>
/// Asks the report to compare the mean request latency of the service <see cref="Framework"/> with the M/M/1
/// value 1/(mu - lambda/n): the service has a fixed number n of instances serving one request at a time,
/// random routing (which splits its Poisson requests into n Poisson streams), exponential service times and
/// a constant rate. <see cref="Allowance"/> (seconds) widens the 95% confidence interval.
/// </summary>
public sealed record Mm1Check(string Framework, double Allowance);
