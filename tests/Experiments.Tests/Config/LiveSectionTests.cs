using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Config;

namespace ClusterSim.Experiments.Tests.Config;

public class LiveSectionTests
{
    private const string Base = """
        name: t
        horizon: 1h
        cluster:
          agents:
            - { count: 1, resources: "cpus:1;mem:1024" }
        frameworks:
          - name: f
            role: r
            kind: batch
            live: { image: "img:1", command: ["sh", "-c", "true"], network: true }
            workload:
              synthetic: { jobs: 1, arrival: { at: 0s }, taskDuration: { constant: 1s }, task: "cpus:1;mem:64" }

        """;

    [Test]
    public void Parse_BundledLiveSmall_ReadsTheLiveSection()
    {
        var file = ExperimentParser.ParseFile(RepositoryRoot.Combine("experiments", "live-small.yaml"));
        var live = file.Variants.Single().Live!;
        Assert.Multiple(() =>
        {
            Assert.That(live.ExpectAgents, Is.EqualTo(3));
            Assert.That(live.AgentsTimeout, Is.EqualTo(Duration.FromSeconds(60)));
            Assert.That(live.TimeScale, Is.EqualTo(60));
            Assert.That(live.MasterListen, Is.EqualTo("http://127.0.0.1:5050"));
            Assert.That(live.HeartbeatInterval, Is.EqualTo(Duration.FromSeconds(15)));
            Assert.That(live.MaxMissedHeartbeats, Is.EqualTo(5));
        });
    }

    [Test]
    public void Parse_WithoutALiveSection_HasNone() =>
        Assert.That(ExperimentParser.Parse("t.yaml", Base).Variants.Single().Live, Is.Null);

    [Test]
    public void Parse_FrameworkLive_ReadsImageCommandAndNetwork()
    {
        var container = ExperimentParser.Parse("t.yaml", Base).Variants.Single().Frameworks.Single().Settings.Container!;
        Assert.Multiple(() =>
        {
            Assert.That(container.Image, Is.EqualTo("img:1"));
            Assert.That(container.Command, Is.EqualTo(new[] { "sh", "-c", "true" }));
            Assert.That(container.Network, Is.True);
        });
    }

    [Test]
    public void Parse_HeartbeatSettings_AreRead()
    {
        var live = ExperimentParser.Parse("t.yaml", Base + "live: { master: { heartbeat: 500ms, missedHeartbeats: 3 } }\n").Variants.Single().Live!;
        Assert.That((live.HeartbeatInterval, live.MaxMissedHeartbeats), Is.EqualTo((Duration.FromMilliseconds(500), 3)));
    }

    [TestCase("live: { timeScale: 0 }", "timeScale", "positive time scale")]
    [TestCase("live: { agents: { expect: 0 } }", "expect", "1 to 100000 agents")]
    [TestCase("live: { master: { listen: \"ftp://x\" } }", "listen", "http URL")]
    [TestCase("live: { speed: 3 }", "speed", "")]
    public void Parse_BadLiveSection_NamesTheKey(string yaml, string key, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => ExperimentParser.Parse("t.yaml", Base + yaml + "\n"))!;
        Assert.Multiple(() =>
        {
            Assert.That(e.File, Is.EqualTo("t.yaml"));
            Assert.That(e.Message, Does.Contain(key).And.Contain(expected));
        });
    }
}
