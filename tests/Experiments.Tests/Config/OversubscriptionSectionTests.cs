using ClusterSim.Core.Oversubscription;
using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Config;

namespace ClusterSim.Experiments.Tests.Config;

public class OversubscriptionSectionTests
{
    private const string Base = """
        name: probe
        horizon: 1h
        cluster: { agents: [ { count: 2, resources: "cpus:4;mem:8192" } ] }
        frameworks:
          - name: hadoop
            capabilities: [revocable]
            workload: { synthetic: { jobs: 2, arrival: { at: 0s }, tasksPerJob: { constant: 1 }, taskDuration: { constant: 1m }, task: "cpus:1;mem:1024" } }

        """;

    private static ConfigException Error(string yaml) =>
        Assert.Throws<ConfigException>(() => ExperimentParser.Parse("exp.yaml", yaml))!;

    [Test]
    public void TheSection_IsRead_WithMesosDefaultsForWhatIsLeftOut()
    {
        var spec = ExperimentParser.Parse("exp.yaml", Base + "oversubscription: { offered: 0.5, qos: { evict: newest, interval: 5s } }\n").Variants[0];
        Assert.That(spec.Oversubscription, Is.EqualTo(new OversubscriptionSettings
        {
            EstimatorInterval = Duration.FromSeconds(15),
            OfferedFraction = 0.5,
            QosThreshold = 1.0,
            QosInterval = Duration.FromSeconds(5),
            Eviction = EvictionRule.NewestFirst,
        }));
        Assert.That(spec.OversubscriptionMetrics, Is.True);
    }

    [Test]
    public void Without_TheSection_NothingIsRevocableNorMeasured()
    {
        var spec = ExperimentParser.Parse("exp.yaml", Base).Variants[0];
        Assert.That(spec.Oversubscription, Is.Null);
        Assert.That(spec.OversubscriptionMetrics, Is.False);
    }

    [Test]
    public void A_VariantWithout_StillMeasures_WhenAnotherOversubscribes()
    {
        var file = ExperimentParser.Parse("exp.yaml", Base + "variants:\n  - { name: without }\n  - { name: with, oversubscription: {} }\n");
        Assert.That(file.Variants.Select(v => (v.Oversubscription != null, v.OversubscriptionMetrics)), Is.EqualTo(new[] { (false, true), (true, true) }));
    }

    [Test]
    public void An_OfferedShareAboveOne_NamesFileLineAndKey()
    {
        var e = Error(Base + "oversubscription: { offered: 1.5 }\n");
        Assert.That(e.Message, Is.EqualTo("exp.yaml:8:30: oversubscription.offered: expected the share of slack offered, in (0, 1], found '1.5'"));
    }

    [Test]
    public void An_UnknownEvictionRule_SaysWhatIsExpected()
    {
        var e = Error(Base + "oversubscription: { qos: { evict: oldest } }\n");
        Assert.That(e.Message, Is.EqualTo("exp.yaml:8:35: oversubscription.qos.evict: unknown eviction rule 'oldest', expected all or newest"));
    }

    [Test]
    public void A_NonPositiveEstimatorInterval_IsAnError()
    {
        var e = Error(Base + "oversubscription: { estimatorInterval: 0s }\n");
        Assert.That(e.Message, Is.EqualTo("exp.yaml:8:40: oversubscription.estimatorInterval: expected a positive interval such as 15s"));
    }

    [Test]
    public void An_UnknownKey_IsRejected()
    {
        var e = Error(Base + "oversubscription: { slack: 0.5 }\n");
        Assert.That(e.Message, Does.StartWith("exp.yaml:8:21: oversubscription.slack: unknown key; expected one of: estimatorInterval, offered, qos"));
    }

    [Test]
    public void A_UsageBeyondTheAllocation_IsAnError()
    {
        var e = Error(Base.Replace("    capabilities: [revocable]\n", "    capabilities: [revocable]\n    usage: { uniform: [0.5, 1.5] }\n"));
        Assert.That(e.Message, Does.StartWith("exp.yaml:7:12: frameworks[0].usage: expected fractions of the allocation within [0, 1]"));
    }

    [Test]
    public void Usage_IsReadPerFramework()
    {
        var spec = ExperimentParser.Parse("exp.yaml", Base.Replace("    capabilities: [revocable]\n", "    capabilities: [revocable]\n    usage: { uniform: [0.2, 0.6] }\n")).Variants[0];
        Assert.That((spec.Frameworks[0].Usage!.A, spec.Frameworks[0].Usage!.B), Is.EqualTo((0.2, 0.6)));
    }
}
