using ClusterSim.Workloads.Traces;

namespace ClusterSim.Workloads.Tests.Traces;

public class TraceFormatsTests
{
    [TestCase("google-2011", TraceFormat.Google2011)]
    [TestCase("swf", TraceFormat.Swf)]
    [TestCase("swim", TraceFormat.Swim)]
    [TestCase("alibaba-2018", TraceFormat.Alibaba2018)]
    public void Parse_AndName_RoundTripExactNames(string name, TraceFormat format)
    {
        Assert.That(TraceFormats.Parse(name), Is.EqualTo(format));
        Assert.That(TraceFormats.Name(format), Is.EqualTo(name));
    }

    [Test]
    public void Parse_UnknownName_ListsValidNames()
    {
        var error = Assert.Throws<FormatException>(() => TraceFormats.Parse("google-2019"));
        Assert.That(error!.Message, Does.Contain("google-2019")
            .And.Contain("google-2011, swf, swim, alibaba-2018"));
    }
}
