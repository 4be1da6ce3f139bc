using ClusterSim.RealAgent.Docker;

namespace ClusterSim.RealAgent.Tests.Docker;

public sealed class DockerTransportTests
{
    private static readonly Version ClientMax = new(1, 43);

    [TestCase("1.41", "1.41")]
    [TestCase("1.43", "1.43")]
    [TestCase("1.47", "1.43")]
    public void Negotiate_DaemonVersion_UsesTheOlderOfDaemonAndClient(string daemon, string expected)
    {
        Assert.That(DockerTransport.Negotiate(daemon, ClientMax), Is.EqualTo(expected));
    }

    [Test]
    public void Negotiate_DaemonOlderThanEngine2010_RefusesNamingBothVersions()
    {
        Assert.That(() => DockerTransport.Negotiate("1.40", ClientMax),
            Throws.InstanceOf<NotSupportedException>().With.Message.Contains("1.40").And.Message.Contains("1.41"));
    }

    [Test]
    public void Negotiate_NotAVersion_Refuses()
    {
        Assert.That(() => DockerTransport.Negotiate("banana", ClientMax), Throws.InstanceOf<NotSupportedException>());
    }
}
