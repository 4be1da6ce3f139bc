using ClusterSim.Experiments.Sweeps;

namespace ClusterSim.Experiments.Tests.Sweeps;

public class ShardTests
{
    [TestCase("1/1", 1, 1)]
    [TestCase("3/4", 3, 4)]
    [TestCase("6/6", 6, 6)]
    public void Parse_ReadsKOfN(string text, int k, int n) =>
        Assert.That(Shard.Parse(text, runs: 6, out _), Is.EqualTo(new Shard(k, n)));

    [TestCase("0/4", "1 <= K <= N")]
    [TestCase("5/4", "1 <= K <= N")]
    [TestCase("1/0", "1 <= K <= N")]
    [TestCase("2", "expected K/N")]
    [TestCase("a/b", "expected K/N")]
    [TestCase("-1/2", "expected K/N")]
    [TestCase("1/2/3", "expected K/N")]
    [TestCase(" 1/2", "expected K/N")]
    [TestCase("1/7", "the experiment has 6 run(s)")]
    public void Parse_RejectsWhatIsNotAShareOfTheRuns(string text, string expected)
    {
        Assert.That(Shard.Parse(text, runs: 6, out var error), Is.Null);
        Assert.That(error, Does.Contain(expected).And.Contain(text.Contains("/7", StringComparison.Ordinal) ? "N is 7" : text));
    }

    [Test]
    public void TheShardsOfAPlan_HoldEachRunOnce_AndDealOutTheVariants()
    {
        var plan = Enumerable.Range(0, 9).ToArray();
        for (int n = 1; n <= plan.Length; n++)
        {
            var shards = Enumerable.Range(1, n).Select(k => new Shard(k, n).Of(plan)).ToArray();
            Assert.That(shards.SelectMany(s => s).Order(), Is.EqualTo(plan), $"N = {n}: every run once");
            Assert.That(shards.Max(s => s.Count) - shards.Min(s => s.Count), Is.LessThanOrEqualTo(1), $"N = {n}: balanced");
            for (int i = 0; i < plan.Length; i++)
                Assert.That(shards[Shard.Holding(i, n).Index - 1], Does.Contain(i), $"N = {n}: Holding({i})");
        }
        // Three variants of three seeds in four shards: shard 1 gets a run of each variant, not one variant's seeds.
        Assert.That(new Shard(1, 4).Of(plan), Is.EqualTo(new[] { 0, 4, 8 }));
    }
}
