namespace ClusterSim.Experiments.Running;

/// <summary>
/// Fairness among the roles that want more: Jain's index (Jain, Chiu and Hawe, 1984), (sum x)^2 / (n sum x^2),
/// over the weighted dominant shares of only those roles that have pending work or unmet demand at the instant.
/// A role that holds little because it asks for little is not treated unfairly, so it does not count. With
/// fewer than two such roles, or all of them at the same share, nobody who wants more is behind another: 1.
/// </summary>
public static class DemandFairness
{
    public static double Of(IReadOnlyList<double> weightedShares, IReadOnlyList<bool> demanding)
    {
        double sum = 0, squares = 0;
        int n = 0;
        for (int i = 0; i < weightedShares.Count; i++)
        {
            if (!demanding[i]) continue;
            n++;
            sum += weightedShares[i];
            squares += weightedShares[i] * weightedShares[i];
        }
        return n < 2 || squares == 0 ? 1.0 : sum * sum / (n * squares);
    }
}
