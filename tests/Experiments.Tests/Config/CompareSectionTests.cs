using ClusterSim.Experiments.Config;

namespace ClusterSim.Experiments.Tests.Config;

public class CompareSectionTests
{
    private const string Base = """
        name: probe
        horizon: 1h
        cluster: { agents: [ { count: 2, resources: "cpus:4;mem:8192" } ] }
        frameworks:
          - name: hadoop
            role: analytics
            workload: { synthetic: { jobs: 2, arrival: { at: 0s }, tasksPerJob: { constant: 1 }, taskDuration: { constant: 1m }, task: "cpus:1;mem:1024" } }
        variants:
          - { name: drf }
          - { name: random, allocation: { policy: random } }

        """;

    [Test]
    public void Without_Compare_TheBaselineIsTheFirstVariant()
    {
        Assert.That(ExperimentParser.Parse("exp.yaml", Base).Baseline, Is.EqualTo("drf"));
    }

    [Test]
    public void Compare_NamesTheBaseline_AndLeavesTheResolvedConfigAlone()
    {
        var file = ExperimentParser.Parse("exp.yaml", Base + "compare: { baseline: random }\n");
        Assert.That(file.Baseline, Is.EqualTo("random"));
        Assert.That(file.Variants[0].ResolvedYaml, Is.EqualTo(ExperimentParser.Parse("exp.yaml", Base).Variants[0].ResolvedYaml));
    }

    [Test]
    public void An_UnknownBaseline_NamesTheLineAndTheVariants()
    {
        var e = Assert.Throws<ConfigException>(() => ExperimentParser.Parse("exp.yaml", Base + "compare: { baseline: fifo }\n"))!;
        Assert.That(e.Message, Is.EqualTo("exp.yaml:11:22: compare.baseline: unknown variant 'fifo'; expected one of: drf, random"));
    }

    [Test]
    public void An_UnknownKey_IsRejected()
    {
        var e = Assert.Throws<ConfigException>(() => ExperimentParser.Parse("exp.yaml", Base + "compare: { base: drf }\n"))!;
        Assert.That(e.Message, Does.StartWith("exp.yaml:11:12: compare.base: unknown key; expected one of: baseline"));
    }

    [Test]
    public void A_Variant_CannotOverrideCompare()
    {
        var yaml = Base.Replace("- { name: drf }", "- { name: drf, compare: { baseline: drf } }");
        var e = Assert.Throws<ConfigException>(() => ExperimentParser.Parse("exp.yaml", yaml))!;
        Assert.That(e.Message, Does.Contain("a variant cannot override 'compare'"));
    }
}
