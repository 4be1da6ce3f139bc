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

    /// <summary>Two 2-CPU agents, one job of two 2-CPU 30-minute tasks at 5m (one task per agent); agent-0-0 is
    /// marked gone at 10m: its task ends GONE_BY_OPERATOR (partition-aware) or LOST, runs again on agent-0-1
    /// from 35m, and agent-0-0 never comes back.</summary>
    [TestCase("[partition_aware]", 0)]
    [TestCase("[]", 1)]
    public void A_MarkedGoneAgent_EndsItsTasks_GoneByOperatorForPartitionAwareFrameworks_AndNeverReturns(string capabilities, long lost)
    {
        var yaml = $$"""
            name: gone
            horizon: 3h
            cluster: { agents: [ { count: 2, resources: "cpus:2;mem:2048" } ] }
            frameworks:
              - name: work
                role: batch
                capabilities: {{capabilities}}
                workload: { synthetic: { jobs: 1, arrival: { at: 5m }, tasksPerJob: { constant: 2 }, taskDuration: { constant: 30m }, task: "cpus:2;mem:512" } }
            events:
              - { at: 10m, markAgentGone: agent-0-0 }

            """;
        var summary = Run(yaml);
        Assert.That(summary.TasksCompleted, Is.EqualTo(2));
        Assert.That(summary.TasksLost, Is.EqualTo(lost));
        // Ends at 35m + 30m = 65m, 60m after it arrived.
        Assert.That(summary.JctMean, Is.EqualTo(60 * 60).Within(2));
    }

    [Test]
    public void A_GoneAgent_StaysGone_WhenAFaultWouldRepairIt()
    {
        var summary = Run(Base + """
            events:
              - { at: 1m, markAgentGone: agent-0-0 }
              - { at: 2m, failAgent: { agent: agent-0-0, repairAfter: 1m } }

            """);
        Assert.That(summary.TasksCompleted, Is.Zero, "the only agent never came back");
    }

    /// <summary>A failed agent is marked unreachable, as Mesos marks an agent that stops answering: its task is
    /// UNREACHABLE to a partition-aware framework (not counted in tasks_lost), LOST to the others; marked gone
    /// while down, it is never repaired.</summary>
    [TestCase("[partition_aware]", 0)]
    [TestCase("[]", 1)]
    public void A_FailedAgent_IsUnreachable_AndMarkedGoneWhileDown_NeverComesBack(string capabilities, long lost)
    {
        var yaml = $$"""
            name: unreachable
            horizon: 3h
            cluster: { agents: [ { count: 1, resources: "cpus:2;mem:2048" } ] }
            frameworks:
              - name: work
                role: batch
                capabilities: {{capabilities}}
                workload: { synthetic: { jobs: 1, arrival: { at: 5m }, tasksPerJob: { constant: 1 }, taskDuration: { constant: 30m }, task: "cpus:1;mem:512" } }
            events:
              - { at: 10m, failAgent: { agent: agent-0-0, repairAfter: 10m } }

            """;
        var repaired = Run(yaml);
        Assert.That(repaired.TasksLost, Is.EqualTo(lost));
        Assert.That(repaired.TasksCompleted, Is.EqualTo(1), "repaired at 20m, the task runs again");
        var gone = Run(yaml + "  - { at: 15m, markAgentGone: agent-0-0 }\n");
        Assert.That(gone.TasksCompleted, Is.Zero, "marked gone while unreachable: never repaired");
    }

    [Test]
    public void A_TaskEndedForGoodByAGoneAgent_IsWrittenGoneByOperator_InTasksCsv()
    {
        using var folder = new TempFolder();
        var spec = ExperimentParser.Parse("exp.yaml", """
            name: gone-state
            horizon: 1h
            cluster: { agents: [ { count: 1, resources: "cpus:2;mem:2048" } ] }
            frameworks:
              - name: work
                role: batch
                capabilities: [partition_aware]
                maxRetries: 0
                workload: { synthetic: { jobs: 1, arrival: { at: 5m }, tasksPerJob: { constant: 1 }, taskDuration: { constant: 30m }, task: "cpus:1;mem:512" } }
            events:
              - { at: 10m, markAgentGone: agent-0-0 }

            """).Variants.Single();
        var directory = folder.Combine("run");
        Directory.CreateDirectory(directory);
        new SimulationRun(spec, spec.Seeds[0], directory).Execute();
        var task = File.ReadAllLines(Path.Combine(directory, "tasks.csv"))[1].Split(',');
        Assert.That((task[6], task[7], task[8]), Is.EqualTo(("300", "600", "GONE_BY_OPERATOR")));
    }
}
