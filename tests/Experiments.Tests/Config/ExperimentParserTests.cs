using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Model;
using ClusterSim.Workloads.Frameworks;

namespace ClusterSim.Experiments.Tests.Config;

public class ExperimentParserTests
{
    private const string Valid = """
        name: probe
        seed: 5
        runs: 2
        horizon: 1h
        allocation: { policy: drf, refuse: 3s }
        cluster:
          agents:
            - { count: 4, resources: "cpus:8;mem:16384", attributes: { rack: "r{i%2}" } }
        roles:
          analytics: { weight: 2 }
        frameworks:
          - name: hadoop
            role: analytics
            workload:
              synthetic:
                jobs: 10
                arrival: { poisson: { rate: 2/m } }
                tasksPerJob: { lognormal: { median: 4, sigma: 0.5 }, max: 20 }
                taskDuration: { exponential: { mean: 90s } }
                task: "cpus:1;mem:2048"
        variants:
          - { name: drf }
          - { name: heavy, roles: { analytics: { weight: 5 } } }
          - { name: random, allocation: { policy: random } }

        """;

    private static ConfigException Error(string yaml) =>
        Assert.Throws<ConfigException>(() => ExperimentParser.Parse("exp.yaml", yaml))!;

    [Test]
    public void A_ValidFile_ResolvesEveryVariant()
    {
        var file = ExperimentParser.Parse("exp.yaml", Valid);
        Assert.That(file.Variants.Select(v => v.Variant), Is.EqualTo(new[] { "drf", "heavy", "random" }));
        var drf = file.Variants[0];
        Assert.That(drf.Seeds, Is.EqualTo(new long[] { 5, 6 }));
        Assert.That(drf.Roles["analytics"].Weight, Is.EqualTo(2));
        Assert.That(drf.Frameworks[0].Settings.Refuse.RefuseFor.Seconds, Is.EqualTo(3), "allocation.refuse is every framework's default");
        Assert.That(drf.Frameworks[0].Kind, Is.EqualTo(FrameworkKind.Batch));
        Assert.That(drf.Frameworks[0].Workload!.Synthetic!.Arrival.RatePerSecond, Is.EqualTo(2.0 / 60).Within(1e-12));
        Assert.That(file.Variants[1].Roles["analytics"].Weight, Is.EqualTo(5), "a variant overrides the key it names");
        Assert.That(file.Variants[1].Policy.Name, Is.EqualTo("drf"), "and keeps the rest of the base");
        Assert.That(file.Variants[2].Policy.Name, Is.EqualTo("random"));
        Assert.That(file.Variants[2].Allocation.Interval.Seconds, Is.EqualTo(1));
        Assert.That(file.Variants[1].Overrides, Does.Contain("weight: 5"));
    }

    [TestCase("1/10m", 1.0 / 600)]
    [TestCase("0.39/m", 0.39 / 60)]
    [TestCase("5/s", 5.0)]
    [TestCase("3/2h", 3.0 / 7200)]
    public void Rates_ReadAsArrivalsPerSecond(string rate, double perSecond)
    {
        var file = ExperimentParser.Parse("exp.yaml", Valid.Replace("rate: 2/m", "rate: " + rate));
        Assert.That(file.Variants[0].Frameworks[0].Workload!.Synthetic!.Arrival.RatePerSecond, Is.EqualTo(perSecond).Within(1e-12));
    }

    [Test]
    public void An_UnknownKey_NamesFileLineColumnAndKey()
    {
        var e = Error(Valid.Replace("    role: analytics\n", "    role: analytics\n    colour: blue\n"));
        Assert.That(e.Message, Does.StartWith("exp.yaml:14:5: frameworks[0].colour: unknown key"));
    }

    [Test]
    public void A_MalformedResource_NamesTheField()
    {
        var e = Error(Valid.Replace("task: \"cpus:1;mem:2048\"", "task: \"cpus:1;ram:2048\""));
        Assert.That(e.Message, Does.StartWith("exp.yaml:20:15: frameworks[0].workload.synthetic.task:").And.Contain("unknown resource 'ram'"));
    }

    [Test]
    public void A_MalformedDuration_NamesTheField()
    {
        var e = Error(Valid.Replace("horizon: 1h", "horizon: 1 hour"));
        Assert.That(e.Message, Does.StartWith("exp.yaml:4:").And.Contain("horizon").And.Contain("unit"));
    }

    [Test]
    public void A_BadRate_SaysWhatIsExpected()
    {
        var e = Error(Valid.Replace("rate: 2/m", "rate: often"));
        Assert.That(e.Message, Does.Contain("rate").And.Contain("2/m"));
    }

    [Test]
    public void An_ErrorInAVariant_PointsAtTheVariantsLine()
    {
        var e = Error(Valid.Replace("policy: random", "policy: lottery"));
        Assert.That(e.Message, Does.StartWith("exp.yaml:24:43: allocation.policy").And.Contain("lottery"));
    }

    [Test]
    public void A_VariantCannotChangeTheSeeds()
    {
        var e = Error(Valid.Replace("{ name: drf }", "{ name: drf, seed: 9 }"));
        Assert.That(e.Message, Does.Contain("cannot override 'seed'"));
    }

    [Test]
    public void Missing_Horizon_IsAnError()
    {
        var e = Error(Valid.Replace("horizon: 1h\n", ""));
        Assert.That(e.Message, Does.Contain("horizon: missing"));
    }

    [Test]
    public void Duplicate_Names_AreErrors()
    {
        Assert.That(Error(Valid.Replace("{ name: heavy,", "{ name: drf,")).Message, Does.Contain("variant 'drf' is named twice"));
    }

    [Test]
    public void A_ServiceNeedsItsLoad()
    {
        var yaml = Valid.Replace("""
              - name: hadoop
                role: analytics
            """, """
              - name: web
                kind: service
                instance: "cpus:1;mem:1024"
                instances: { min: 2, max: 1 }
                load: { constant: 3 }
              - name: hadoop
                role: analytics
            """);
        Assert.That(Error(yaml).Message, Does.Contain("max (1) is below min (2)"));
    }

    [Test]
    public void An_UnknownTraceFormat_ListsTheFormats()
    {
        var yaml = Valid[..Valid.IndexOf("      synthetic:", StringComparison.Ordinal)] + "      trace: { format: borg, path: . }\n";
        Assert.That(Error(yaml).Message, Does.Contain("unknown trace format 'borg'").And.Contain("google-2011, swf, swim, alibaba-2018"));
    }

    [Test]
    public void A_WorkloadIsSyntheticOrTrace_NotBoth()
    {
        var yaml = Valid.Replace("      synthetic:\n", "      trace: { format: swf, path: . }\n      synthetic:\n");
        Assert.That(Error(yaml).Message, Does.Contain("either synthetic or trace"));
    }

    private static IEnumerable<TestCaseData> BundledExperiments() =>
        Directory.GetFiles(RepositoryRoot.Combine("experiments"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(f).SetName("Bundled_Experiment_IsValid(" + Path.GetFileNameWithoutExtension(f) + ")"));

    [TestCaseSource(nameof(BundledExperiments))]
    public void Bundled_Experiment_IsValid(string file)
    {
        var saved = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(RepositoryRoot.Path);
        try
        {
            var parsed = ExperimentParser.ParseFile(file);
            Assert.That(parsed.Variants, Is.Not.Empty);
            Assert.That(parsed.Warnings, Is.Empty, "a bundled example raises no warning");
        }
        finally
        {
            Directory.SetCurrentDirectory(saved);
        }
    }

    [Test]
    public void Attribute_Templates_Expand()
    {
        Assert.That(AttributeTemplate.Expand("r{i%40}", 85), Is.EqualTo("r5"));
        Assert.That(AttributeTemplate.Expand("pod-{i/10}-{i}", 23), Is.EqualTo("pod-2-23"));
        Assert.That(AttributeTemplate.Expand("plain", 3), Is.EqualTo("plain"));
    }
}
