using ClusterSim.Core.Timing;

namespace ClusterSim.Core.Tests.Timing;

public class DurationTests
{
    [TestCase("250us", 250)]
    [TestCase("10ms", 10_000)]
    [TestCase("1s", 1_000_000)]
    [TestCase("1.5s", 1_500_000)]
    [TestCase("2m", 120_000_000)]
    [TestCase("1h", 3_600_000_000)]
    [TestCase("1d", 86_400_000_000)]
    [TestCase("0s", 0)]
    public void Parse_ReadsANumberWithAUnit(string text, long micros) =>
        Assert.That(Duration.Parse(text).Micros, Is.EqualTo(micros));

    [Test]
    public void Parse_Forever_IsForever() => Assert.That(Duration.Parse("forever").IsForever, Is.True);

    [TestCase("10", "with a unit")]
    [TestCase("10 parsecs", "unit")]
    [TestCase("-1s", "zero or more")]
    [TestCase("x5s", "number")]
    [TestCase("", "empty")]
    public void Parse_RejectsBadText_SayingWhatWasExpected(string text, string hint)
    {
        Assert.That(Duration.TryParse(text, out _, out var error), Is.False);
        Assert.That(error, Does.Contain(hint));
    }

    [Test]
    public void Adding_ToForever_StaysForever()
    {
        Assert.That((Duration.Forever + Duration.FromSeconds(1)).IsForever, Is.True);
        Assert.That(Time.FromSeconds(5) + Duration.Forever, Is.EqualTo(Time.MaxValue));
    }

    [Test]
    public void ToString_RoundTrips()
    {
        foreach (var text in new[] { "5s", "250ms", "17us", "forever" })
            Assert.That(Duration.Parse(Duration.Parse(text).ToString()), Is.EqualTo(Duration.Parse(text)));
    }
}
