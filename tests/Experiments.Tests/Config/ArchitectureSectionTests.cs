using ClusterSim.Core.Timing;
using ClusterSim.Experiments.Config;
using ClusterSim.Workloads.Architectures;

namespace ClusterSim.Experiments.Tests.Config;

public class ArchitectureSectionTests
{
    private const string Base = """
        name: probe
        horizon: 1h
        cluster:
          agents:
            - { count: 4, resources: "cpus:8;mem:16384" }
        frameworks:
          - name: batch
            decisionTime: { perJob: 100ms, perTask: 5ms }
            workload: { synthetic: { jobs: 10, arrival: { poisson: { rate: 2/m } }, tasksPerJob: { constant: 2 }, taskDuration: { constant: 1m }, task: "cpus:1;mem:1024" } }

        """;

    private static ConfigException Error(string yaml) =>
        Assert.Throws<ConfigException>(() => ExperimentParser.Parse("exp.yaml", yaml))!;

    [Test]
    public void WithoutTheKey_ARunIsTwoLevel_AndCarriesNoSchedulerMetrics()
    {
        var spec = ExperimentParser.Parse("exp.yaml", Base).Variants.Single();
        Assert.That(spec.Architecture, Is.EqualTo(SchedulerArchitecture.TwoLevel));
        Assert.That(spec.SchedulerMetrics, Is.False);
        Assert.That(spec.Frameworks[0].Settings.DecisionTime,
            Is.EqualTo(new Workloads.Frameworks.DecisionTime(Duration.Zero, Duration.FromMilliseconds(5), Duration.FromMilliseconds(100))));
    }

    [Test]
    public void Variants_ChooseTheirArchitecture_AndEveryVariantThenCarriesTheSchedulerMetrics()
    {
        var file = ExperimentParser.Parse("exp.yaml", Base + """
            variants:
              - { name: offers }
              - { name: swarm, architecture: { kind: monolithic, strategy: binpack } }
              - { name: omega, architecture: { kind: shared-state, conflicts: sequence-numbers, commit: all-or-nothing } }
            """);
        Assert.That(file.Variants.Select(v => v.Architecture.ToString()), Is.EqualTo(new[]
        {
            "two-level", "monolithic/binpack", "shared-state/sequence-numbers/all-or-nothing",
        }));
        Assert.That(file.Variants.All(v => v.SchedulerMetrics), Is.True);
    }

    [TestCase("architecture: { kind: omega }", "exp.yaml:10:", "architecture.kind", "unknown architecture 'omega'")]
    [TestCase("architecture: { kind: shared-state, strategy: spread }", "exp.yaml:10:", "architecture.strategy", "monolithic architecture only")]
    [TestCase("architecture: { kind: monolithic, conflicts: resource-fit }", "exp.yaml:10:", "architecture.conflicts", "shared-state architecture only")]
    [TestCase("architecture: { kind: shared-state, commit: sometimes }", "exp.yaml:10:", "architecture.commit", "expected all-or-nothing or incremental")]
    [TestCase("architecture: { kind: monolithic, strategy: first-fit }", "exp.yaml:10:", "architecture.strategy", "expected spread, binpack or random")]
    public void BadArchitectures_AreReportedWithTheirLineAndKey(string line, string at, string key, string problem)
    {
        var e = Error(Base + line + "\n");
        Assert.That(e.Message, Does.StartWith(at).And.Contain(key).And.Contain(problem));
    }

    [Test]
    public void AGangFramework_IsRefused_OutsideTwoLevel()
    {
        var e = Error(Base + """
              - name: mpi
                kind: gang
                workload: { synthetic: { jobs: 1, arrival: { every: 1m }, tasksPerJob: { constant: 2 }, taskDuration: { constant: 1m }, task: "cpus:1;mem:1024" } }
            architecture: { kind: shared-state }
            """);
        Assert.That(e.Message, Does.Contain("architecture").And.Contain("'mpi' is a gang framework"));
    }

    [Test]
    public void TheMdOneCheck_NeedsAMonolithicScheduler_AndPoissonJobsOfConstantSize()
    {
        Assert.That(Error(Base + "checks: { mdOne: { framework: batch } }\n").Message,
            Does.Contain("checks.mdOne").And.Contain("kind: monolithic"));
        Assert.That(Error((Base + "architecture: { kind: monolithic }\nchecks: { mdOne: { framework: batch } }\n")
                .Replace("tasksPerJob: { constant: 2 }", "tasksPerJob: { exponential: { mean: 2 } }")).Message,
            Does.Contain("checks.mdOne.framework").And.Contain("constant tasksPerJob"));
        var spec = ExperimentParser.Parse("exp.yaml", Base + "architecture: { kind: monolithic }\nchecks: { mdOne: { framework: batch, allowance: 1s } }\n").Variants.Single();
        Assert.That(spec.MdOne, Is.EqualTo(new Model.MdOneCheck("batch", 1)));
    }
}
