namespace ClusterSim.Experiments.Output;

/// <summary>
/// The M/M/c queue's mean wait before service (Erlang's C formula): with arrival rate lambda, mean service
/// time s and c servers, a = lambda s is the offered load and
/// Wq = C(c, a) s / (c - a), where C(c, a) is the probability an arrival waits (Kleinrock, Queueing Systems
/// vol. 1, 1975, section 3.5).
/// </summary>
public static class ErlangC
{
    public static double WaitProbability(int servers, double offeredLoad)
    {
        if (offeredLoad >= servers) return 1.0;
        // Iterative Erlang B then C, stable for large c.
        double b = 1.0;
        for (int k = 1; k <= servers; k++) b = offeredLoad * b / (k + offeredLoad * b);
        double rho = offeredLoad / servers;
        return b / (1 - rho + rho * b);
    }

    public static double MeanWait(int servers, double arrivalRate, double meanService)
    {
        double a = arrivalRate * meanService;
        if (a >= servers) return double.PositiveInfinity;
        return WaitProbability(servers, a) * meanService / (servers - a);
    }
}
