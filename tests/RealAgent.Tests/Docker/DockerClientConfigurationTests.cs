using ClusterSim.RealAgent.Docker;

namespace ClusterSim.RealAgent.Tests.Docker;

[NonParallelizable] // changes the process environment
public sealed class DockerClientConfigurationTests
{
    private string? _dockerHost;

    [SetUp]
    public void SaveDockerHost() => _dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");

    [TearDown]
    public void RestoreDockerHost() => Environment.SetEnvironmentVariable("DOCKER_HOST", _dockerHost);

    [Test]
    public void FromEnvironment_DockerHostUnset_DefaultSocket()
    {
        Environment.SetEnvironmentVariable("DOCKER_HOST", null);

        Assert.That(DockerClientConfiguration.FromEnvironment().SocketPath, Is.EqualTo("/var/run/docker.sock"));
    }

    [Test]
    public void FromEnvironment_UnixDockerHost_ThatSocket()
    {
        Environment.SetEnvironmentVariable("DOCKER_HOST", "unix:///run/user/1000/docker.sock");

        Assert.That(DockerClientConfiguration.FromEnvironment().SocketPath, Is.EqualTo("/run/user/1000/docker.sock"));
    }

    [Test]
    public void FromEnvironment_TcpDockerHost_RefusedNamingTheValue()
    {
        Environment.SetEnvironmentVariable("DOCKER_HOST", "tcp://10.0.0.1:2375");

        Assert.That(DockerClientConfiguration.FromEnvironment, Throws.InstanceOf<NotSupportedException>().With.Message.Contains("tcp://10.0.0.1:2375"));
    }
}
