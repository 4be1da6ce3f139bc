using ClusterSim.RealAgent.Docker;

namespace ClusterSim.RealAgent.Tests.Docker;

public sealed class SystemOperationsTests : DockerTest
{
    [Test]
    public void Ping_DaemonRuns_Answers()
    {
        Assert.That(() => Client.System.PingAsync(TestTimeout), Throws.Nothing);
    }

    [Test]
    public async Task GetApiVersion_NegotiatesTheOlderOfDaemonAndClient()
    {
        var version = await Client.System.GetVersionAsync(TestTimeout);

        var negotiated = await Client.GetApiVersionAsync(TestTimeout);

        var daemon = Version.Parse(version.ApiVersion!);
        var expected = daemon < Client.Configuration.MaxApiVersion ? daemon : Client.Configuration.MaxApiVersion;
        Assert.That(negotiated, Is.EqualTo(expected.ToString(2)));
        Assert.That(Version.Parse(negotiated), Is.GreaterThanOrEqualTo(new Version(1, 41)));
    }

    [Test]
    public async Task GetInfo_ReportsCgroupAndWhichLimitsTheKernelEnforces()
    {
        var info = await Client.System.GetInfoAsync(TestTimeout);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(info.ServerVersion, Is.Not.Empty);
            Assert.That(info.Ncpu, Is.Positive);
            Assert.That(info.MemTotal, Is.Positive);
            Assert.That(info.CgroupVersion, Is.AnyOf("1", "2"));
            // The live agent relies on these; the tests that create limited containers would pass vacuously without them.
            Assert.That(info.MemoryLimit, Is.True);
            Assert.That(info.SwapLimit, Is.True);
            Assert.That(info.CpuCfsQuota, Is.True);
            Assert.That(info.CpuShares, Is.True);
            Assert.That(info.PidsLimit, Is.True);
        }
    }
}
