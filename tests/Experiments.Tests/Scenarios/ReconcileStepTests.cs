using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Scenarios;

namespace ClusterSim.Experiments.Tests.Scenarios;

/// <summary>The reconcile and expectReconciled steps: what they read, and what a wrong expectation says.</summary>
public class ReconcileStepTests
{
    private const string Base = """
        name: probe
        steps:
          - addAgent: { id: a1, resources: "cpus:2;mem:1024" }
          - addFramework: { id: fw1, role: role1, capabilities: [partition_aware] }

        """;

    private static ScenarioResult Run(string steps) =>
        new ScenarioRun(ScenarioParser.Parse("probe.yaml", Base + steps)).Execute();

    [TestCase("  - reconcile: { framework: fw1, tasks: [ { id: t1, agent: a9 } ] }\n", "bad.yaml:5:", "unknown agent id 'a9'")]
    [TestCase("  - reconcile: { framework: fw1, tasks: [ { agent: a1 } ] }\n", "bad.yaml:5:", "id")]
    [TestCase("  - reconcile: { framework: fw1, tasks: [ { id: t1, agnet: a1 } ] }\n", "bad.yaml:5:", "agnet")]
    [TestCase("  - reconcile: { framework: fw9 }\n", "bad.yaml:5:", "unknown framework id 'fw9'")]
    [TestCase("  - expectReconciled: { fw1: { t1: GONNE } }\n", "bad.yaml:5:", "expected a task state")]
    public void BadInput_IsRejected_NamingFileLineAndKey(string step, string at, string message)
    {
        var e = Assert.Throws<ConfigException>(() => ScenarioParser.Parse("bad.yaml", Base + step))!;
        Assert.That(e.Message, Does.StartWith(at).And.Contain(message));
    }

    [Test]
    public void AWrongAnswer_FailsTheStep_SayingWhatWasExpected_AndWhatCame()
    {
        var result = Run("""
              - reconcile: { framework: fw1, tasks: [ { id: t1, agent: a1 }, { id: t2 } ] }
              - expectReconciled: { fw1: { t1: LOST, t2: none } }

            """);
        Assert.That(result.Failures.Single().Message,
            Is.EqualTo("reconciliation answers differ: fw1/t1: expected LOST, saw GONE; fw1/t2: expected none, saw UNKNOWN"));
    }

    [Test]
    public void EachReconcile_StartsTheFrameworksAnswersAfresh()
    {
        var result = Run("""
              - reconcile: { framework: fw1, tasks: [ { id: t1 } ] }
              - expectReconciled: { fw1: { t1: UNKNOWN } }
              - reconcile: { framework: fw1 }
              - expectReconciled: { fw1: { t1: none } }
              - expectTaskStates: { fw1: { t1: UNKNOWN } }

            """);
        Assert.That(result.Failures, Is.Empty);
    }
}
