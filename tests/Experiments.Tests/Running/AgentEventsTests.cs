using ClusterSim.Experiments.Config;
using ClusterSim.Experiments.Running;

namespace ClusterSim.Experiments.Tests.Running;

/// <summary>Timed agent lifecycle events: DEACTIVATE_AGENT, REACTIVATE_AGENT, DRAIN_AGENT.</summary>
public class AgentEventsTests
{
    /// <summary>One 2-CPU agent; one job of two 30-minute tasks arrives at 5m.</summary>
    private const string Base = """
        name: agents
        horizon: 3h
        cluster: { agents: [ { count: 1, resources: "cpus:2;mem:2048" } ] }
        frameworks:
          - name: work
            role: batch
            workload: { synthetic: { jobs: 1, arrival: { at: 5m }, tasksPerJob: { constant: 2 }, taskDuration: { constant: 30m }, task: "cpus:1;mem:512" } }

        """;

    private static RunSummary Run(string yaml)
    {
        var spec = ExperimentParser.Parse("exp.yaml", yaml).Variants.Single();
        return new SimulationRun(spec, spec.Seeds[0], null).Execute().Summary;
    }

    [Test]
    public void A_DeactivatedAgent_IsOfferedToNobody_UntilReactivated()
    {
        var summary = Run(Base + """
            events:
              - { at: 1m, deactivateAgent: agent-0-0 }
              - { at: 20m, activateAgent: agent-0-0 }

            """);
        Assert.That(summary.WaitMean, Is.EqualTo(15 * 60).Within(2), "waits from 5m to 20m");
    }

    [Test]
    public void A_DrainedAgent_HasItsTasksKilledAfterTheGracePeriod_AndTheyRunAgainWhenItIsBack()
    {
        var summary = Run(Base + """
            events:
              - { at: 10m, drainAgent: { agent: agent-0-0, gracePeriod: 5m } }
              - { at: 30m, activateAgent: agent-0-0 }

            """);
        Assert.That(summary.TasksCompleted, Is.EqualTo(2));
        // Started at 5m, killed at 15m, run again from 30m: the job ends at 60m, 55m after it arrived.
        Assert.That(summary.JctMean, Is.EqualTo(55 * 60).Within(2));
    }

    [Test]
    public void An_UnknownAgent_IsRejected_NamingTheKey()
    {
        var e = Assert.Throws<ConfigException>(() => ExperimentParser.Parse("exp.yaml", Base + """
            events:
              - { at: 10m, drainAgent: { agent: agent-9-9 } }

            """))!;
        Assert.That(e.Message, Does.StartWith("exp.yaml:").And.Contain("unknown agent 'agent-9-9'"));
    }
}
