using ClusterSim.Experiments.Running;
using MathNet.Numerics.Statistics;

namespace ClusterSim.Experiments.Tests.Running;

/// <summary>
/// The summary's waits and completion times: kept on disk past a size, with the same mean and quantiles, to
/// the bit, as MathNet's over a list of every value (what the summaries were computed with before).
/// </summary>
public class ObservedValuesTests
{
    private static IEnumerable<double> Values(int seed, int n)
    {
        var random = new Random(seed);
        for (int i = 0; i < n; i++)
        {
            // Waits as a run has them: many zeros, ties, and a long tail.
            int kind = random.Next(4);
            yield return kind == 0 ? 0 : kind == 1 ? random.Next(10) : Math.Round(-Math.Log(1 - random.NextDouble()) * 1800, 6);
        }
    }

    [TestCase(1, 1)]
    [TestCase(2, 2)]
    [TestCase(3, 7)]
    [TestCase(4, 8)]
    [TestCase(5, 1000)]
    [TestCase(6, 4097)]
    public void SpilledToDisk_MeanAndQuantiles_AreMathNetsToTheBit(int seed, int n)
    {
        var list = Values(seed, n).ToList();
        using var values = new ObservedValues(inMemory: 3);
        foreach (var v in list) values.Add(v);

        Assert.That(values.IsInMemory, Is.EqualTo(n <= 3));
        Assert.That(values.Count, Is.EqualTo(n));
        Assert.That(values, Is.EqualTo(list), "enumerated in the order added");
        Assert.That(values[n - 1], Is.EqualTo(list[n - 1]));
        Assert.That(values[0], Is.EqualTo(list[0]));
        Assert.That(BitConverter.DoubleToInt64Bits(values.Mean), Is.EqualTo(BitConverter.DoubleToInt64Bits(list.Mean())));
        foreach (var q in new[] { 0.0, 0.01, 0.25, 0.5, 0.95, 0.99, 1.0 })
            Assert.That(BitConverter.DoubleToInt64Bits(values.Quantile(q)),
                Is.EqualTo(BitConverter.DoubleToInt64Bits(list.ToArray().Quantile(q))), $"quantile {q} of {n} values");
    }

    [Test]
    public void WhileSpilled_NoFileIsLeftInTheTempFolder_SoAKilledRunLeavesNone()
    {
        if (OperatingSystem.IsWindows()) Assert.Ignore("Windows deletes the spill file on close only.");
        static string[] SpillFiles() => Directory.GetFiles(Path.GetTempPath(), "clustersim-values-*.bin");
        var before = SpillFiles();
        using var values = new ObservedValues(inMemory: 3);
        foreach (var v in Values(7, 100)) values.Add(v);

        Assert.That(values.IsInMemory, Is.False);
        Assert.That(SpillFiles().Except(before), Is.Empty, "the spill file is unlinked while still open");
        Assert.That(values.Count, Is.EqualTo(100), "and still read through its handle");
        Assert.That(values.Quantile(1.0), Is.EqualTo(Values(7, 100).Max()));
    }

    [Test]
    public void Empty_HasNoMeanNorQuantile()
    {
        using var values = new ObservedValues(inMemory: 3);
        Assert.That(values.Mean, Is.NaN);
        Assert.That(values.Quantile(0.95), Is.NaN);
        Assert.That(values.ToArrayIfInMemory(), Is.Empty);
    }

    [Test]
    public void NegativeValues_AreOrderedBelowThePositives()
    {
        var list = new List<double> { 3, -1.5, 0, -7, 2, 2, -0.25, 11 };
        using var values = new ObservedValues(inMemory: 2);
        foreach (var v in list) values.Add(v);
        foreach (var q in new[] { 0.0, 0.1, 0.3, 0.5, 0.9, 1.0 })
            Assert.That(values.Quantile(q), Is.EqualTo(list.ToArray().Quantile(q)));
    }
}
