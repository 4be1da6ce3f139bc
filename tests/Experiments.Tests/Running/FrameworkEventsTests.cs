using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Model;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Tests.Running;

/// <summary>Timed framework lifecycle events: deactivate, activate, UPDATE_FRAMEWORK.</summary>
public class FrameworkEventsTests
{
    /// <summary>One job of one 10-minute task arrives at 5m on a one-agent cluster.</summary>
    private const string Base = """
        name: lifecycle
        horizon: 2h
        cluster: { agents: [ { count: 1, resources: "cpus:2;mem:2048" } ] }
        frameworks:
          - name: hadoop
            role: batch
            workload: { synthetic: { jobs: 1, arrival: { at: 5m }, taskDuration: { constant: 10m }, task: "cpus:1;mem:512" } }

        """;

    private static RunSummary Run(string yaml)
    {
        var spec = ExperimentParser.Parse("exp.yaml", yaml).Variants.Single();
        return new SimulationRun(spec, spec.Seeds[0], null).Execute().Summary;
    }

    [Test]
    public void A_DeactivatedFramework_IsOfferedNothing_UntilItIsActivatedAgain()
    {
        var without = Run(Base);
        Assert.That(without.WaitMean, Is.LessThan(2));
        var with = Run(Base + """
            events:
              - { at: 1m, deactivateFramework: hadoop }
              - { at: 20m, activateFramework: hadoop }

            """);
        Assert.That(with.TasksCompleted, Is.EqualTo(1));
        Assert.That(with.WaitMean, Is.EqualTo(15 * 60).Within(2), "waits from 5m to 20m");
    }

    [Test]
    public void An_Update_RaisingTheFrameworksMinimum_AboveEveryAgent_StarvesIt()
    {
        var summary = Run(Base + """
            events:
              - { at: 1m, updateFramework: { framework: hadoop, minAllocatable: "cpus:4" } }

            """);
        Assert.That(summary.TasksCompleted, Is.Zero);
        Assert.That(summary.TasksNeverStarted, Is.EqualTo(1));
    }

    [Test]
    public void Framework_Events_AreRead_InTimeOrder_WithTheRest()
    {
        var spec = ExperimentParser.Parse("exp.yaml", Base + """
            events:
              - { at: 20m, activateFramework: hadoop }
              - { at: 1m, deactivateFramework: hadoop }

            """).Variants.Single();
        Assert.That(spec.Events.Select(e => e.Framework!.Kind), Is.EqualTo(new[] { FrameworkEventKind.Deactivate, FrameworkEventKind.Activate }));
    }

    [TestCase("{ at: 1m, deactivateFramework: hadoopp }", "unknown framework 'hadoopp'")]
    [TestCase("{ at: 1m, updateFramework: { framework: hadoop } }", "expected capabilities or minAllocatable")]
    [TestCase("{ at: 1m, updateFramework: { framework: hadoop, role: x } }", "role")]
    public void Bad_FrameworkEvents_AreRejected_NamingTheKey(string item, string message)
    {
        var e = Assert.Throws<ConfigException>(() => ExperimentParser.Parse("exp.yaml", Base + "events:\n  - " + item + "\n"))!;
        Assert.That(e.Message, Does.StartWith("exp.yaml:"));
        Assert.That(e.Message, Does.Contain(message));
    }
}
