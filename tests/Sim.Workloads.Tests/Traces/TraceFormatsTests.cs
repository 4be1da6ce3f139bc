using ClusterSim.Workloads.Traces;

namespace ClusterSim.Workloads.Tests.Traces;

public class TraceFormatsTests
{
    [TestCase("google-2011", TraceFormat.Google2011)]
    [TestCase("swf", TraceFormat.Swf)]
    [TestCase("swim", TraceFormat.Swim)]
    [TestCase("alibaba-2018", TraceFormat.Alibaba2018)]
    public void TryParse_AndName_RoundTripExactNames(string name, TraceFormat format)
    {
        Assert.That(TraceFormats.TryParse(name, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(format));
        Assert.That(TraceFormats.Name(format), Is.EqualTo(name));
    }

    [TestCase("google-2019")]
    [TestCase("SWF")]
    public void An_UnknownName_IsRefused_AndTheMessageListsTheValidNames(string name)
    {
        Assert.That(TraceFormats.TryParse(name, out _), Is.False);
        Assert.That(TraceFormats.Unknown(name), Is.EqualTo($"unknown trace format '{name}', expected one of: google-2011, swf, swim, alibaba-2018"));
    }
}
