using ClusterSim.Experiments.Bench;

namespace ClusterSim.Experiments.Tests.Bench;

/// <summary>
/// `clustersim bench live` end to end on a small load: a hosted master on 127.0.0.1, fake agents, declining
/// frameworks. Asserts that offers reach the frameworks, carry the master's send time (the bench stops
/// with an error without offers.sent_at_unix_ms) and are declined without failed calls; no timing is
/// asserted (the numbers depend on the machine).
/// </summary>
public class LiveBenchTests
{
    [Test]
    public async Task SmallLoad_OffersReachEveryFramework_AndAreDeclined()
    {
        var options = new LiveBenchOptions(Agents: 6, Frameworks: 3, Duration: TimeSpan.FromSeconds(3)) { WarmUp = TimeSpan.Zero, Roles = 2 };

        var result = await LiveBench.RunAsync(options, TextWriter.Null, CancellationToken.None);

        Assert.That(result.OfferEvents, Is.GreaterThan(0));
        Assert.That(result.Offers, Is.GreaterThanOrEqualTo(result.OfferEvents));
        Assert.That(result.Declines, Is.GreaterThan(0));
        Assert.That(result.FailedCalls, Is.Zero);
        Assert.That(result.P99Ms, Is.Not.NaN.And.GreaterThanOrEqualTo(result.P50Ms));
    }

    [Test]
    public void LatencySamples_Percentiles_AreNearestRank_AndOnlyWhileOpen()
    {
        var samples = new LatencySamples();
        samples.Add(1000);
        samples.Open();
        for (int i = 1; i <= 100; i++) samples.Add(i);
        samples.Close();
        samples.Add(1000);

        Assert.That(samples.Count, Is.EqualTo(100));
        Assert.That(samples.Percentile(0.50), Is.EqualTo(50));
        Assert.That(samples.Percentile(0.99), Is.EqualTo(99));
        Assert.That(samples.Percentile(1.0), Is.EqualTo(100));
        Assert.That(new LatencySamples().Percentile(0.99), Is.NaN);
    }
}
