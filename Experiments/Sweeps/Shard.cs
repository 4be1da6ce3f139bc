using System.Globalization;

namespace ClusterSim.Experiments.Sweeps;

/// <summary>
/// The K-th of N disjoint shares of an experiment's runs (<c>--shard K/N</c>, K from 1). Runs are dealt out in
/// plan order (each variant's seeds in turn) like cards: run i goes to shard i mod N + 1, so every shard gets
/// a mix of variants and N equal to the number of runs gives one run per shard.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    /// <summary>Reads "K/N"; null with <paramref name="error"/> saying what was expected when it is not one
    /// of 1/N .. N/N with N from 1 to <paramref name="runs"/> (a shard with no run is a mistake).</summary>
    public static Shard? Parse(string text, int runs, out string error)
    {
        error = "";
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int k)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            error = $"expected K/N (the K-th of N shares, e.g. 2/4), found '{text}'";
            return null;
        }
        if (n < 1 || k < 1 || k > n)
        {
            error = $"expected K/N with 1 <= K <= N, found '{text}'";
            return null;
        }
        if (n > runs)
        {
            error = $"N is {n} but the experiment has {runs} run(s): at most {runs} shards, or some would have no run";
            return null;
        }
        return new Shard(k, n);
    }

    /// <summary>The shard that holds the run at <paramref name="planIndex"/> when runs are shared out in <paramref name="count"/>.</summary>
    public static Shard Holding(int planIndex, int count) => new(planIndex % count + 1, count);

    /// <summary>Whether this shard holds the run at <paramref name="planIndex"/> of the plan.</summary>
    public bool Holds(int planIndex) => planIndex % Count == Index - 1;

    /// <summary>This shard's runs, in plan order.</summary>
    public IReadOnlyList<T> Of<T>(IReadOnlyList<T> plan) => plan.Where((_, i) => Holds(i)).ToArray();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
